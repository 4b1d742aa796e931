namespace CyberPledge.Indicators;

/// <summary>
/// One poisoning warning list (SECURITY.md rule 4, after MISP's warninglists), as its JSON file or the configuration
/// writes it. The built-in lists are such files, embedded in the service; an operator adds more (docs/indicators.md).
/// </summary>
public sealed class WarningListDefinition
{
    /// <summary>How an <see cref="Entries"/> item matches: an address, equal to an IPv4 or IPv6 value or inside a CIDR value.</summary>
    public const string ExactIpKind = "exact-ip";

    /// <summary>A network: contains an address, or overlaps a CIDR value (either inside the other).</summary>
    public const string CidrKind = "cidr";

    /// <summary>A domain: equal to a domain, a URL's host or an e-mail's domain, or a parent of it.</summary>
    public const string DomainSuffixKind = "domain-suffix";

    /// <summary>A host name: equal to a domain, a URL's host or an e-mail's domain (its subdomains do not match).</summary>
    public const string HostnameKind = "hostname";

    /// <summary>The list's name, shown in each match: 1-64 lower-case letters, digits and hyphens, unique on the node.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the list holds and why a match is suspicious.</summary>
    public string Description { get; set; } = "";

    /// <summary>Where the entries come from, so an analyst can judge and refresh them.</summary>
    public string Source { get; set; } = "";

    /// <summary><see cref="ExactIpKind"/>, <see cref="CidrKind"/>, <see cref="DomainSuffixKind"/> or <see cref="HostnameKind"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The entries, written as Submit would take them (they are normalized the same way).</summary>
    public List<string> Entries { get; set; } = [];
}
