namespace CyberPledge.Federation;

/// <summary>Configuration of the Federation service (section "Federation"), checked when it starts.</summary>
public sealed class FederationOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Federation";

    /// <summary><see cref="Store"/>: the embedded SQLite database in <see cref="DataDirectory"/> (the default).</summary>
    public const string SqliteStore = "sqlite";

    /// <summary><see cref="Store"/>: the PostgreSQL database at <see cref="PostgresConnectionString"/>.</summary>
    public const string PostgresStore = "postgres";

    /// <summary>Where the node's Indicators service listens unless told otherwise.</summary>
    public const string DefaultIndicatorsAddress = "http://127.0.0.1:5180";

    /// <summary>Where the node's Partners service listens unless told otherwise.</summary>
    public const string DefaultPartnersAddress = "http://127.0.0.1:5181";

    /// <summary>Where the SQLite store lives; empty: <c>~/.local/share/cyberpledge/federation</c>.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Which store keeps the links' cursors and the feed's state: sqlite or postgres.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>The Npgsql connection string when <see cref="Store"/> is postgres.</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>The node's Indicators service: its feed is served, received versions are applied through it.</summary>
    public string IndicatorsAddress { get; set; } = DefaultIndicatorsAddress;

    /// <summary>The node's Partners service: the registry and the agreements are followed, share decisions audited.</summary>
    public string PartnersAddress { get; set; } = DefaultPartnersAddress;

    /// <summary>The node's internal issuer private key (PKCS#8 PEM): calls to Indicators and Partners as service:federation.</summary>
    public string InternalKeyFile { get; set; } = "";

    /// <summary>The internal issuer's name, as the services trust it.</summary>
    public string InternalIssuer { get; set; } = "";

    /// <summary>The node certificate (PEM) links present to peers' gateways.</summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>Its private key (PKCS#8 PEM).</summary>
    public string KeyFile { get; set; } = "";

    /// <summary>The data directory as an absolute path.</summary>
    public string ResolvedDataDirectory() => DataDirectory.Length > 0
        ? Path.GetFullPath(DataDirectory)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cyberpledge", "federation");

    internal bool UsesSqlite => string.Equals(Store, SqliteStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>One message per bad setting, each naming it.</summary>
    internal IEnumerable<string> Validate()
    {
        if (!UsesSqlite && !string.Equals(Store, PostgresStore, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{SectionName}:Store (--store): \"{Store}\" is neither \"{SqliteStore}\" nor \"{PostgresStore}\"";
        }
        else if (!UsesSqlite && string.IsNullOrWhiteSpace(PostgresConnectionString))
        {
            yield return $"{SectionName}:PostgresConnectionString (--postgres): required when the store is \"{PostgresStore}\"";
        }

        foreach (var (setting, address) in new[] { ("IndicatorsAddress (--indicators)", IndicatorsAddress), ("PartnersAddress (--partners)", PartnersAddress) })
        {
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                yield return $"{SectionName}:{setting}: \"{address}\" is not an http or https URL";
            }
        }

        foreach (var (setting, file) in new[]
                 {
                     ("InternalKeyFile (--internal-key)", InternalKeyFile), ("CertificateFile (--cert)", CertificateFile), ("KeyFile (--key)", KeyFile),
                 })
        {
            if (file.Length == 0)
            {
                yield return $"{SectionName}:{setting}: required";
            }
            else if (!File.Exists(file))
            {
                yield return $"{SectionName}:{setting}: \"{file}\" does not exist";
            }
        }

        if (string.IsNullOrWhiteSpace(InternalIssuer))
        {
            yield return $"{SectionName}:InternalIssuer (--internal-issuer): required (the services' Identity:InternalIssuer:Issuer)";
        }
    }
}
