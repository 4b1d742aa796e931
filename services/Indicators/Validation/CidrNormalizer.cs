using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// An IPv4 or IPv6 network "address/prefix" in network form: host bits are cleared
/// (10.1.2.3/8 becomes 10.0.0.0/8), so every spelling of a network dedups to one indicator.
/// </summary>
internal static class CidrNormalizer
{
    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        var slash = input.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            reason = "not a CIDR network: expected address/prefix";
            return false;
        }

        var addressText = input[..slash];
        var prefixText = input[(slash + 1)..];
        byte[] bytes;
        if (Ipv4Normalizer.TryParse(addressText, out var octets))
        {
            bytes = octets;
        }
        else if (Ipv6Normalizer.TryParse(addressText, out var v6))
        {
            bytes = v6.GetAddressBytes();
        }
        else
        {
            reason = "not a CIDR network: the address is neither dotted-quad IPv4 nor IPv6";
            return false;
        }

        var maxPrefix = bytes.Length * 8;
        if (!TryParsePrefix(prefixText, maxPrefix, out var prefix))
        {
            reason = $"not a CIDR network: the prefix length must be 0-{maxPrefix.ToString(CultureInfo.InvariantCulture)}";
            return false;
        }

        ClearHostBits(bytes, prefix);
        var network = new IPAddress(bytes);
        value = string.Create(CultureInfo.InvariantCulture, $"{network}/{prefix}");
        reason = null;
        return true;
    }

    private static bool TryParsePrefix(string text, int maxPrefix, out int prefix)
    {
        prefix = 0;
        if (text.Length is 0 or > 3 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        prefix = int.Parse(text, CultureInfo.InvariantCulture);
        return prefix <= maxPrefix;
    }

    private static void ClearHostBits(byte[] bytes, int prefix)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsKept = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }
    }
}
