using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CyberPledge.V1;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// What of a normalized value the lists look at: an address or network (IPv4 in the low 32 bits), or a host name.
/// Values are read as Indicators stores them (docs/indicators.md, "Validation and normalization"): a URL's host is
/// its authority without user information and port, an e-mail's host its domain.
/// </summary>
internal readonly record struct ScreenedValue(bool IsNetwork, bool IsIpv6, UInt128 Network, int Prefix, string? Host)
{
    public static ScreenedValue? Of(IndicatorType type, string value) => type switch
    {
        IndicatorType.Ipv4 or IndicatorType.Ipv6 => Address(value),
        IndicatorType.Cidr => Cidr(value),
        IndicatorType.Domain => Name(value),
        IndicatorType.Url => UrlHost(value) is { } host ? HostValue(host) : null,
        IndicatorType.Email => value.LastIndexOf('@') is var at and >= 0 ? Name(value[(at + 1)..]) : null,
        _ => null,
    };

    private static ScreenedValue? Name(string host) => host.Length > 0 ? new ScreenedValue(false, false, 0, 0, host) : null;

    private static ScreenedValue? HostValue(string host) =>
        host.StartsWith('[') && host.EndsWith(']') ? Address(host[1..^1]) : Address(host) ?? Name(host);

    private static ScreenedValue? Address(string text)
    {
        if (!IPAddress.TryParse(text, out var address) || text.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var isIpv6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        return new ScreenedValue(true, isIpv6, ToNumber(address), isIpv6 ? 128 : 32, null);
    }

    private static ScreenedValue? Cidr(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || Address(value[..slash]) is not { } address
            || !int.TryParse(value.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > address.Prefix)
        {
            return null;
        }

        return address with { Prefix = prefix };
    }

    /// <summary>The host of a normalized URL: scheme "://" [userinfo "@"] host [":" port] then "/", "?" or the end.</summary>
    private static string? UrlHost(string url)
    {
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var authority = url.AsSpan(start + 3);
        var end = authority.IndexOfAny('/', '?', '#');
        authority = end < 0 ? authority : authority[..end];
        authority = authority[(authority.LastIndexOf('@') + 1)..];
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            return close < 0 ? null : authority[..(close + 1)].ToString();
        }

        var colon = authority.LastIndexOf(':');
        return (colon < 0 ? authority : authority[..colon]).ToString();
    }

    public static UInt128 ToNumber(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        UInt128 number = 0;
        for (var i = 0; i < written; i++)
        {
            number = (number << 8) | bytes[i];
        }

        return number;
    }
}
