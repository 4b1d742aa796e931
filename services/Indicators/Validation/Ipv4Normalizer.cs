using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// Dotted-quad IPv4 only. Stricter than IPAddress.TryParse on purpose: "010.1.1.1" (octal to
/// some parsers), "0x7f.1" and "127.1" name different hosts in different tools, so they are
/// refused rather than guessed.
/// </summary>
internal static class Ipv4Normalizer
{
    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (!TryParse(input.AsSpan(), out var octets))
        {
            reason = "not a dotted-quad IPv4 address (four decimal octets 0-255, no leading zeros)";
            return false;
        }

        value = string.Create(CultureInfo.InvariantCulture, $"{octets[0]}.{octets[1]}.{octets[2]}.{octets[3]}");
        reason = null;
        return true;
    }

    public static bool TryParse(ReadOnlySpan<char> text, out byte[] octets)
    {
        octets = new byte[4];
        var part = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] != '.')
            {
                continue;
            }

            if (part == 4 || !TryParseOctet(text[start..i], out octets[part]))
            {
                return false;
            }

            part++;
            start = i + 1;
        }

        return part == 4;
    }

    private static bool TryParseOctet(ReadOnlySpan<char> digits, out byte octet)
    {
        octet = 0;
        if (digits.Length is 0 or > 3 || (digits.Length > 1 && digits[0] == '0'))
        {
            return false;
        }

        var number = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            number = (number * 10) + (c - '0');
        }

        if (number > 255)
        {
            return false;
        }

        octet = (byte)number;
        return true;
    }
}
