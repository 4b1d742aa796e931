using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace CyberPledge.Indicators.Validation;

/// <summary>IPv6 in the RFC 5952 canonical text form (lower case, longest zero run compressed).</summary>
internal static class Ipv6Normalizer
{
    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (!TryParse(input, out var address))
        {
            reason = "not an IPv6 address (no brackets, zone or prefix)";
            return false;
        }

        value = address.ToString();
        reason = null;
        return true;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;
        // IPAddress.TryParse also takes "[::1]", "fe80::1%eth0" and IPv4; an indicator is the bare address.
        if (text.Length is < 2 or > 45 || !text.Contains(':', StringComparison.Ordinal)
            || !text.All(c => char.IsAsciiHexDigit(c) || c is ':' or '.'))
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            // An embedded IPv4 tail (::ffff:192.0.2.1) follows the same strict dotted-quad rule.
            var tail = text[(text.LastIndexOf(':') + 1)..];
            if (!Ipv4Normalizer.TryParse(tail, out _))
            {
                return false;
            }
        }

        address = parsed;
        return true;
    }
}
