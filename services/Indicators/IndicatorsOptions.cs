using CyberPledge.Indicators.WarningLists;
using CyberPledge.ServiceDefaults;

namespace CyberPledge.Indicators;

/// <summary>Configuration of the Indicators service (section "Indicators").</summary>
public sealed class IndicatorsOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Indicators";

    /// <summary><see cref="Store"/>: the embedded SQLite database in <see cref="DataDirectory"/> (the default).</summary>
    public const string SqliteStore = "sqlite";

    /// <summary><see cref="Store"/>: the PostgreSQL database at <see cref="PostgresConnectionString"/>, which several replicas may share.</summary>
    public const string PostgresStore = "postgres";

    /// <summary>The development origin a node has when none is configured (a user-assigned ISO 3166-1 code).</summary>
    public const string DefaultNation = "XXX";

    /// <summary>The node id a node has when none is configured.</summary>
    public const string DefaultNodeId = "node-1";

    /// <summary>The default <see cref="MaxVersionStep"/>: 2^20.</summary>
    public const ulong DefaultMaxVersionStep = 1UL << 20;

    /// <summary>
    /// Where the node keeps its signing key, and its SQLite database when <see cref="Store"/> is "sqlite". Empty: the
    /// user's data folder (<c>~/.local/share/cyberpledge/indicators</c> on Linux), the same whatever the working
    /// directory; a relative path is taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Which store holds the indicators: <see cref="SqliteStore"/> or <see cref="PostgresStore"/>.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>The Npgsql connection string of the PostgreSQL database, when <see cref="Store"/> is "postgres".</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>
    /// This node's nation: ISO 3166-1 alpha-3 (alpha-2 is accepted and stored as alpha-3: FR becomes FRA). Pinned to
    /// the store on first start: a later start with another origin is refused.
    /// </summary>
    public string Nation { get; set; } = DefaultNation;

    /// <summary>This node's id within its nation.</summary>
    public string NodeId { get; set; } = DefaultNodeId;

    /// <summary>How long a Submit's idempotency key is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How far above the stored version a foreign version may jump (SECURITY.md rule 8): one further above is kept as
    /// evidence, not applied, and its indicator quarantined, so a forged or runaway version number cannot freeze it.
    /// </summary>
    public ulong MaxVersionStep { get; set; } = DefaultMaxVersionStep;

    /// <summary>The poisoning warning lists foreign versions are checked against (SECURITY.md rule 4).</summary>
    public WarningListsOptions WarningLists { get; set; } = new();

    /// <summary>
    /// Inbound rules per origin nation (section "Indicators:Inbound", keyed by ISO 3166-1 code or <c>*</c>), applied to
    /// each foreign version on receipt (SECURITY.md rule 4).
    /// </summary>
    public Dictionary<string, InboundOriginRules> Inbound { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The data directory as an absolute path (see <see cref="DataDirectory"/>).</summary>
    public string ResolvedDataDirectory() => DataDirectory.Length > 0
        ? Path.GetFullPath(DataDirectory)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cyberpledge", "indicators");

    /// <summary>One message per bad setting, each naming it; nothing is created before these pass.</summary>
    internal IEnumerable<string> Validate()
    {
        if (!NationCodes.TryNormalize(Nation, out _))
        {
            yield return $"{SectionName}:Nation (--nation): \"{Nation}\" is not an ISO 3166-1 country code in upper case (e.g. FRA or FR)";
        }

        if (NodeId.Length is 0 or > 63 || !(char.IsAsciiLetterLower(NodeId[0]) || char.IsAsciiDigit(NodeId[0]))
            || !NodeId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            yield return $"{SectionName}:NodeId (--node-id): \"{NodeId}\" is not 1-63 lower-case letters, digits, dots and hyphens starting with a letter or digit";
        }

        if (!string.Equals(Store, SqliteStore, StringComparison.OrdinalIgnoreCase) && !string.Equals(Store, PostgresStore, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:Store (--store): \"{Store}\" is neither \"{SqliteStore}\" nor \"{PostgresStore}\"";
        }
        else if (string.Equals(Store, PostgresStore, StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return $"{SectionName}:PostgresConnectionString (--postgres): required when the store is \"{PostgresStore}\"";
        }

        if (IdempotencyRetention <= TimeSpan.Zero)
        {
            yield return $"{SectionName}:IdempotencyRetention: must be positive";
        }

        if (MaxVersionStep == 0)
        {
            yield return $"{SectionName}:MaxVersionStep: must be at least 1";
        }

        foreach (var problem in ValidateScreening())
        {
            yield return problem;
        }
    }

    private IEnumerable<string> ValidateScreening()
    {
        if (WarningLists.ShortPrefixIpv4 is < 0 or > 32)
        {
            yield return $"{SectionName}:WarningLists:ShortPrefixIpv4: must be 0-32";
        }

        if (WarningLists.ShortPrefixIpv6 is < 0 or > 128)
        {
            yield return $"{SectionName}:WarningLists:ShortPrefixIpv6: must be 0-128";
        }

        foreach (var problem in WarningListLoader.Load(WarningLists, ResolvedDataDirectory()).Problems.Concat(InboundRules.Validate(Inbound)))
        {
            yield return problem.StartsWith(SectionName + ":", StringComparison.Ordinal) ? problem : $"{SectionName}:WarningLists: {problem}";
        }
    }
}
