using System.Globalization;

namespace CyberPledge.Stix;

/// <summary>A STIX pattern that the grammar does not accept, or that exceeds a limit: where, and what was expected.</summary>
public sealed class StixPatternException : FormatException
{
    /// <summary>Creates the error at <paramref name="position"/> (0-based character offset).</summary>
    public StixPatternException(int position, string expected, string found)
        : base(string.Create(CultureInfo.InvariantCulture, $"at position {position}: expected {expected}, found {found}"))
    {
        Position = position;
        Expected = expected;
        Found = found;
    }

    /// <summary>The 0-based character offset in the pattern where parsing stopped.</summary>
    public int Position { get; }

    /// <summary>What the grammar expected there (e.g. "']'", "a comparison operator").</summary>
    public string Expected { get; }

    /// <summary>What was there instead.</summary>
    public string Found { get; }
}
