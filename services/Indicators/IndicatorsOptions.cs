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

    /// <summary>Where the node keeps its signing key, and its SQLite database when <see cref="Store"/> is "sqlite".</summary>
    public string DataDirectory { get; set; } = ".data/indicators";

    /// <summary>Which store holds the indicators: <see cref="SqliteStore"/> or <see cref="PostgresStore"/>.</summary>
    public string Store { get; set; } = SqliteStore;

    /// <summary>The Npgsql connection string of the PostgreSQL database, when <see cref="Store"/> is "postgres".</summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>This node's nation: ISO 3166-1 alpha-2 or alpha-3, upper case.</summary>
    public string Nation { get; set; } = "XX";

    /// <summary>This node's id within its nation.</summary>
    public string NodeId { get; set; } = "node-1";

    /// <summary>How long a Submit's idempotency key is remembered.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);
}
