using System.Text.RegularExpressions;

namespace CyberPledge.ServiceDefaults.Hosting;

/// <summary>
/// Where a service listens must be said exactly: scheme, host and port. Kestrel reads a URL without a port
/// ("http://127.0.0.1:") as every interface on port 80, which would put an internal service on the network.
/// </summary>
internal static partial class ListenUrls
{
    /// <summary>Returns <paramref name="urls"/> (";"-separated) when each is http(s)://host:port, else throws naming the setting.</summary>
    public static string Check(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!UrlWithPort().IsMatch(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
            {
                throw new InvalidOperationException(
                    $"urls (--urls): \"{url}\" is not a URL with a host and a port, e.g. http://127.0.0.1:5180 (port 0: a free one)");
            }
        }

        return urls;
    }

    [GeneratedRegex(@"^https?://(\[[0-9A-Fa-f:.]+\]|[^\s/:\[\]]+):[0-9]{1,5}/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlWithPort();
}
