using System.Diagnostics.CodeAnalysis;
using CyberPledge.Stix.Internal.Patterns;

namespace CyberPledge.Stix;

/// <summary>
/// The STIX 2.1 patterning grammar (STIX 2.1 §9; the OASIS STIXPattern.g4), parsed by recursive descent with a length
/// and a nesting-depth cap. Parsing only: nothing is evaluated, MATCHES regular expressions included (SECURITY.md
/// rule 10).
/// </summary>
public static class StixPattern
{
    /// <summary>The longest pattern accepted by default, in characters.</summary>
    public const int DefaultMaxLength = 16 * 1024;

    /// <summary>The deepest nesting of brackets and parentheses accepted by default.</summary>
    public const int DefaultMaxDepth = 32;

    /// <summary>Parses a pattern into its observation expression tree.</summary>
    /// <exception cref="StixPatternException">The grammar does not accept it (position, what was expected), or a cap is exceeded.</exception>
    public static PatternExpression Parse(string pattern, int maxLength = DefaultMaxLength, int maxDepth = DefaultMaxDepth)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length > maxLength)
        {
            throw new StixPatternException(maxLength, $"a pattern of at most {maxLength} characters", $"{pattern.Length} characters");
        }

        return new Parser(pattern, maxDepth).ParsePattern();
    }

    /// <summary>Parses a pattern; false with the error when the grammar does not accept it.</summary>
    public static bool TryParse(string pattern, [NotNullWhen(true)] out PatternExpression? expression,
        [NotNullWhen(false)] out StixPatternException? error)
    {
        try
        {
            expression = Parse(pattern);
            error = null;
            return true;
        }
        catch (StixPatternException e)
        {
            expression = null;
            error = e;
            return false;
        }
    }
}
