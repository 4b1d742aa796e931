using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// A CVE identifier "CVE-YYYY-NNNN..." (CVE ID syntax since 2014): upper case, a year from
/// 1999, and a sequence of four digits, or more with no leading zero.
/// </summary>
internal static class CveNormalizer
{
    private const int FirstYear = 1999;

    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        var upper = input.ToUpperInvariant();
        var parts = upper.Split('-');
        if (parts.Length != 3 || parts[0] != "CVE" || parts[1].Length != 4 || !parts[1].All(char.IsAsciiDigit))
        {
            reason = "not a CVE identifier: expected CVE-YYYY-NNNN";
            return false;
        }

        if (int.Parse(parts[1], CultureInfo.InvariantCulture) < FirstYear)
        {
            reason = "not a CVE identifier: the year must be 1999 or later";
            return false;
        }

        var sequence = parts[2];
        if (sequence.Length < 4 || sequence.Length > 19 || !sequence.All(char.IsAsciiDigit)
            || (sequence.Length > 4 && sequence[0] == '0'))
        {
            reason = "not a CVE identifier: the sequence is four digits, or more without a leading zero";
            return false;
        }

        value = upper;
        reason = null;
        return true;
    }
}
