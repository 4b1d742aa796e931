using System.Globalization;
using CyberPledge.Storage;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// Query page tokens: "q1." and the last returned sequence. Opaque to clients. A sequence above
/// any a store can hold (<see cref="StoreSequence.Max"/>) was never issued: not a token.
/// </summary>
internal static class PageToken
{
    private const string Prefix = "q1.";

    public static string Format(ulong sequence) => Prefix + sequence.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string token, out ulong sequence)
    {
        sequence = 0;
        return token.Length == 0
            || (token.StartsWith(Prefix, StringComparison.Ordinal)
                && ulong.TryParse(token.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
                && sequence <= StoreSequence.Max);
    }
}
