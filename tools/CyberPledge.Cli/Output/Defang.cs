using System.Text.RegularExpressions;
using CyberPledge.V1;

namespace CyberPledge.Cli.Output;

/// <summary>
/// Indicator values as people are shown them (SECURITY.md rule 9): never a live link or a name a terminal or a chat
/// client would make clickable. "evil.example" is "evil[.]example", "http://" is "hxxp://", "a@b" is "a[@]b". Submit
/// refangs these forms, so a defanged value pasted back is the same indicator.
/// </summary>
internal static partial class Defang
{
    public static string Value(IndicatorType type, string value) => type switch
    {
        IndicatorType.Ipv4 or IndicatorType.Cidr or IndicatorType.Domain => Dots(value),
        IndicatorType.Email => Dots(value).Replace("@", "[@]", StringComparison.Ordinal),
        IndicatorType.Url => Scheme(Dots(value)),
        IndicatorType.Ipv6 => value.Replace(":", "[:]", StringComparison.Ordinal),
        _ => value,
    };

    /// <summary>Free text (a description): the links and addresses in it defanged, the rest as it is.</summary>
    public static string Text(string text) => UrlLike().Replace(text, match => Scheme(Dots(match.Value)));

    private static string Dots(string value) => value.Replace(".", "[.]", StringComparison.Ordinal);

    private static string Scheme(string value) => SchemePrefix().Replace(value, match => match.Groups[1].Value.ToLowerInvariant() switch
    {
        "http" => "hxxp",
        "https" => "hxxps",
        "ftp" => "fxp",
        "ftps" => "fxps",
        "ws" => "wxs",
        "wss" => "wxss",
        var other => other,
    } + match.Groups[2].Value);

    [GeneratedRegex(@"^([A-Za-z][A-Za-z0-9+.-]*)(://)")]
    private static partial Regex SchemePrefix();

    // A scheme'd URL, or a dotted name ending in a letter label (a domain, an e-mail's domain).
    [GeneratedRegex(@"\b[A-Za-z][A-Za-z0-9+.-]*://\S+|\b[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")]
    private static partial Regex UrlLike();
}
