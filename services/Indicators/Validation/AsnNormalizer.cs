using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// An autonomous system number as "AS" + asplain (RFC 5396). Accepts "AS64500", "64500" and
/// asdot "AS1.10" (= 65546). AS 0 (RFC 7607) and 4294967295 (RFC 7300) are reserved and refused.
/// </summary>
internal static class AsnNormalizer
{
    private const ulong MaxAsn = 4_294_967_294;

    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        var text = input.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? input[2..] : input;
        if (!TryParse(text, out var number) || number is 0 or > MaxAsn)
        {
            reason = "not an AS number: expected AS1-AS4294967294 (asplain or asdot)";
            return false;
        }

        value = string.Create(CultureInfo.InvariantCulture, $"AS{number}");
        reason = null;
        return true;
    }

    private static bool TryParse(string text, out ulong number)
    {
        number = 0;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return TryParsePlain(text, 10, out number);
        }

        if (!TryParsePlain(text[..dot], 5, out var high) || !TryParsePlain(text[(dot + 1)..], 5, out var low)
            || high is 0 or > ushort.MaxValue || low > ushort.MaxValue)
        {
            return false;
        }

        number = (high << 16) | low;
        return true;
    }

    private static bool TryParsePlain(string digits, int maxDigits, out ulong number)
    {
        number = 0;
        if (digits.Length == 0 || digits.Length > maxDigits || (digits.Length > 1 && digits[0] == '0')
            || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        number = ulong.Parse(digits, CultureInfo.InvariantCulture);
        return true;
    }
}
