namespace CyberPledge.Indicators;

/// <summary>
/// The poisoning warning lists foreign versions are checked against (section "Indicators:WarningLists", SECURITY.md
/// rule 4): the built-in lists, every <c>*.json</c> file in <see cref="Directory"/>, the files in <see cref="Files"/>
/// and the lists in <see cref="Lists"/>, less those named in <see cref="Disabled"/>.
/// </summary>
public sealed class WarningListsOptions
{
    /// <summary>The default <see cref="ShortPrefixIpv4"/>.</summary>
    public const int DefaultShortPrefixIpv4 = 16;

    /// <summary>The default <see cref="ShortPrefixIpv6"/>.</summary>
    public const int DefaultShortPrefixIpv6 = 32;

    /// <summary>The folder of the data directory read when <see cref="Directory"/> is empty.</summary>
    public const string DefaultDirectoryName = "warning-lists";

    /// <summary>A folder whose <c>*.json</c> files are lists (<see cref="WarningListDefinition"/>). Empty: <c>warning-lists</c> in the data directory.</summary>
    public string Directory { get; set; } = "";

    /// <summary>More list files, anywhere.</summary>
    public List<string> Files { get; set; } = [];

    /// <summary>Lists written in the configuration itself.</summary>
    public List<WarningListDefinition> Lists { get; set; } = [];

    /// <summary>Names of lists not to apply, built-in ones included (an operator may replace one under the same name).</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>An IPv4 CIDR shorter than this prefix length is flagged (list <c>short-prefixes</c>); 0 flags none.</summary>
    public int ShortPrefixIpv4 { get; set; } = DefaultShortPrefixIpv4;

    /// <summary>An IPv6 CIDR shorter than this prefix length is flagged; 0 flags none.</summary>
    public int ShortPrefixIpv6 { get; set; } = DefaultShortPrefixIpv6;
}
