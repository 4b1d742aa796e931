using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>A file hash as lower-case hex of the algorithm's exact length.</summary>
internal static class HashNormalizer
{
    public static bool TryNormalize(string input, int hexLength, string algorithm,
        [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (input.Length != hexLength || !input.All(char.IsAsciiHexDigit))
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"not a {algorithm} hash: expected {hexLength} hexadecimal digits");
            return false;
        }

        value = input.ToLowerInvariant();
        reason = null;
        return true;
    }
}
