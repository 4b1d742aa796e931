using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// An absolute URL with an authority, normalized per RFC 3986 section 6: scheme and host lower
/// case, the host in IDNA ASCII (or canonical IP) form, the scheme's default port removed,
/// percent-encodings normalized, dot segments removed, an empty path as "/".
/// </summary>
/// <remarks>
/// The fragment is dropped: a client never sends it, so it is not part of what a sensor sees
/// and would only split one indicator into many.
/// </remarks>
internal static class UrlNormalizer
{
    private const int MaxLength = 2048;

    private static readonly Dictionary<string, int> DefaultPorts = new(StringComparer.Ordinal)
    {
        ["http"] = 80, ["https"] = 443, ["ftp"] = 21, ["ftps"] = 990, ["ws"] = 80, ["wss"] = 443,
    };

    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (input.Any(char.IsControl))
        {
            reason = "not a URL: control characters";
            return false;
        }

        var schemeEnd = input.IndexOf("://", StringComparison.Ordinal);
        var scheme = schemeEnd > 0 ? input[..schemeEnd].ToLowerInvariant() : "";
        if (!DefaultPorts.TryGetValue(scheme, out var defaultPort))
        {
            reason = "not a URL: expected an absolute http, https, ftp, ftps, ws or wss URL";
            return false;
        }

        var rest = input[(schemeEnd + 3)..];
        var authorityEnd = rest.IndexOfAny(['/', '?', '#']);
        var authority = authorityEnd < 0 ? rest : rest[..authorityEnd];
        var tail = authorityEnd < 0 ? "" : rest[authorityEnd..];

        if (!TryNormalizeAuthority(authority, defaultPort, out var normalizedAuthority, out reason))
        {
            return false;
        }

        var url = scheme + "://" + normalizedAuthority + NormalizePathAndQuery(tail);
        if (url.Length > MaxLength)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"not a URL: longer than {MaxLength} characters");
            return false;
        }

        value = url;
        return true;
    }

    private static bool TryNormalizeAuthority(string authority, int defaultPort,
        [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason)
    {
        normalized = null;
        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? UrlPercentEncoding.Normalize(authority[..at], UrlPercentEncoding.UserInfoExtras) + "@" : "";
        var hostPort = authority[(at + 1)..];

        string hostText;
        var portText = "";
        if (hostPort.StartsWith('['))
        {
            var close = hostPort.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || (close + 1 < hostPort.Length && hostPort[close + 1] != ':'))
            {
                reason = "not a URL: malformed [IPv6] host";
                return false;
            }

            hostText = hostPort[..(close + 1)];
            portText = close + 1 < hostPort.Length ? hostPort[(close + 2)..] : "";
        }
        else
        {
            var colon = hostPort.LastIndexOf(':');
            hostText = colon >= 0 ? hostPort[..colon] : hostPort;
            portText = colon >= 0 ? hostPort[(colon + 1)..] : "";
        }

        if (!TryNormalizeHost(hostText, out var host, out reason))
        {
            return false;
        }

        if (!TryNormalizePort(portText, defaultPort, out var port))
        {
            reason = "not a URL: the port must be 1-65535";
            return false;
        }

        normalized = userInfo + host + port;
        return true;
    }

    private static bool TryNormalizeHost(string host, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? reason)
    {
        normalized = null;
        if (host.StartsWith('['))
        {
            if (!Ipv6Normalizer.TryNormalize(host[1..^1], out var v6, out _))
            {
                reason = "not a URL: the [host] is not an IPv6 address";
                return false;
            }

            normalized = "[" + v6 + "]";
            reason = null;
            return true;
        }

        if (Ipv4Normalizer.TryNormalize(host, out var v4, out _))
        {
            normalized = v4;
            reason = null;
            return true;
        }

        if (!DomainNormalizer.TryNormalize(host, out var domain, out var domainReason))
        {
            reason = "not a URL: host " + domainReason;
            return false;
        }

        normalized = domain;
        reason = null;
        return true;
    }

    private static bool TryNormalizePort(string text, int defaultPort, out string port)
    {
        port = "";
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Length > 5 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        var number = int.Parse(text, CultureInfo.InvariantCulture);
        if (number is 0 or > 65535)
        {
            return false;
        }

        port = number == defaultPort ? "" : ":" + number.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    private static string NormalizePathAndQuery(string tail)
    {
        var hash = tail.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            tail = tail[..hash];
        }

        var question = tail.IndexOf('?', StringComparison.Ordinal);
        var path = question >= 0 ? tail[..question] : tail;
        var query = question >= 0 ? tail[(question + 1)..] : "";

        path = UrlDotSegments.Remove(UrlPercentEncoding.Normalize(path, UrlPercentEncoding.PathExtras));
        if (path.Length == 0)
        {
            path = "/";
        }

        return query.Length == 0 ? path : path + "?" + UrlPercentEncoding.Normalize(query, UrlPercentEncoding.QueryExtras);
    }
}
