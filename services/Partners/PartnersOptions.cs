namespace CyberPledge.Partners;

/// <summary>Configuration of the Partners service (section "Partners").</summary>
public sealed class PartnersOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Partners";

    /// <summary><see cref="Store"/>: the embedded SQLite database in <see cref="DataDirectory"/> (the default).</summary>
    public const string SqliteStore = "sqlite";

    /// <summary><see cref="Store"/>: the PostgreSQL database at <see cref="PostgresConnectionString"/>, which several replicas may share.</summary>
    public const string PostgresStore = "postgres";

    /// <summary>Where the node's Indicators service listens unless told otherwise.</summary>
    public const string DefaultIndicatorsAddress = "http://127.0.0.1:5180";

    /// <summary>
    /// Where the SQLite database lives when <see cref="Store"/> is "sqlite". Empty: the user's data folder
    /// (<c>~/.local/share/cyberpledge/partners</c> on Linux); a relative path is taken from the working directory.
    /// </summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Which store holds peers, agreements and the audit log: <see cref="SqliteStore"/> or <see cref="PostgresStore"/>.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>The Npgsql connection string of the PostgreSQL database, when <see cref="Store"/> is "postgres".</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>The node's Indicators service, which Preview and Explain read through its gRPC API.</summary>
    public string IndicatorsAddress { get; set; } = DefaultIndicatorsAddress;

    /// <summary>
    /// The node's internal issuer private key (a PKCS#8 PEM file): Preview and Explain call Indicators as
    /// <c>service:partners</c> with a token signed by it (DESIGN.md Decision 2). Its issuer name is
    /// <c>Identity:InternalIssuer:Issuer</c>. Empty: Preview and Explain answer FAILED_PRECONDITION.
    /// </summary>
    public string InternalKeyFile { get; set; } = "";

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations of new TAXII credential hashes (SECURITY.md rule 10): 600,000 unless set; only
    /// higher outside the Development environment (<see cref="Hosting.TaxiiIterationsCheck"/>). Each credential keeps
    /// the count it was hashed with.
    /// </summary>
    public int TaxiiCredentialIterations { get; set; } = Taxii.TaxiiPasswords.DefaultIterations;

    /// <summary>The data directory as an absolute path (see <see cref="DataDirectory"/>).</summary>
    public string ResolvedDataDirectory() => DataDirectory.Length > 0
        ? Path.GetFullPath(DataDirectory)
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "cyberpledge", "partners");

    internal bool UsesSqlite => string.Equals(Store, SqliteStore, StringComparison.OrdinalIgnoreCase);

    /// <summary>One message per bad setting, each naming it; nothing is created before these pass.</summary>
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

        if (!Uri.TryCreate(IndicatorsAddress, UriKind.Absolute, out var indicators) || indicators.Scheme is not ("http" or "https"))
        {
            yield return $"{SectionName}:IndicatorsAddress (--indicators): \"{IndicatorsAddress}\" is not an http or https URL";
        }

        if (InternalKeyFile.Length > 0 && !File.Exists(InternalKeyFile))
        {
            yield return $"{SectionName}:InternalKeyFile (--internal-key): \"{InternalKeyFile}\" does not exist";
        }
    }
}
