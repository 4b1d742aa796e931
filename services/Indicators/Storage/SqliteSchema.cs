using CyberPledge.Storage;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// Tables of the embedded store. <c>versions</c> is the change feed: one row per stored
/// version, keyed by its sequence. <c>indicators</c> holds each indicator's latest version,
/// keyed by that version's sequence too, so a query in feed order walks the table in key
/// order and an update moves the row to the end (pages never miss a row that changed).
/// </summary>
/// <remarks>
/// The schema is versioned (<see cref="SchemaMigrator"/>). Migration 1 is the schema that earlier
/// builds (before versioning) created at every open, still written to run on their databases
/// (IF NOT EXISTS): such a database is recognised as version 1, its data untouched.
/// </remarks>
internal static class SqliteSchema
{
    public const string FileName = "indicators.db";

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS versions (
            seq INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            body BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS versions_by_indicator ON versions (indicator_id, version);
        CREATE TABLE IF NOT EXISTS indicators (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            origin_nation TEXT NOT NULL,
            origin_node TEXT NOT NULL,
            type INTEGER NOT NULL,
            value TEXT NOT NULL,
            version INTEGER NOT NULL,
            revoked INTEGER NOT NULL,
            tlp INTEGER NOT NULL,
            sectors INTEGER NOT NULL,
            modified_us INTEGER NOT NULL,
            search_text TEXT NOT NULL);
        DROP INDEX IF EXISTS indicators_by_value;
        CREATE INDEX IF NOT EXISTS indicators_by_modified ON indicators (modified_us);
        CREATE TABLE IF NOT EXISTS idempotency (
            key TEXT PRIMARY KEY,
            request_hash BLOB NOT NULL,
            response BLOB NOT NULL,
            expires_us INTEGER NOT NULL) WITHOUT ROWID;
        """;

    private static readonly SchemaMigration[] Migrations =
    [
        new(1, Tables),
        new(2, OriginPin.Table),
        // Canonical encoding v2: each version records the encoding it is signed with; rows from before are v1.
        new(3, "ALTER TABLE versions ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1;"),
        new(4, Quarantine),
        new(5, WarningFlags),
        // The links that provide each foreign indicator (SECURITY.md rule 6): a withdrawal removes one; the last one's, the indicator.
        new(6, "CREATE TABLE foreign_providers (indicator_id TEXT NOT NULL, provider TEXT NOT NULL, PRIMARY KEY (indicator_id, provider)) WITHOUT ROWID;"),
        new(7, StoredTimes),
        new(8, Imports),
    ];

    /// <summary>
    /// Imported indicators (SECURITY.md rule 2): marked on their latest row, so the value lookups (Submit's dedup) never
    /// find one, and the analysts' promotions of them, append-only, for the audit.
    /// </summary>
    private const string Imports = """
        ALTER TABLE indicators ADD COLUMN imported INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE import_promotions (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            promoted_by TEXT NOT NULL,
            note TEXT NOT NULL,
            at_us INTEGER NOT NULL);
        CREATE INDEX import_promotions_by_indicator ON import_promotions (indicator_id);
        """;

    /// <summary>
    /// When this node stored each version (TAXII's date_added), in microseconds, strictly increasing with the sequence.
    /// Rows from before get the migration's time minus one microsecond per later row, so the order still holds.
    /// </summary>
    private const string StoredTimes = """
        ALTER TABLE versions ADD COLUMN stored_us INTEGER NOT NULL DEFAULT 0;
        UPDATE versions SET stored_us = CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER) - ((SELECT MAX(seq) FROM versions) - seq);
        """;

    /// <summary>
    /// Warning flags (SECURITY.md rule 4): one row per flagged indicator, its state a column for Query's filter and the
    /// flag (WarningFlag, protobuf) a blob; and the analysts' reviews, append-only, for the audit.
    /// </summary>
    private const string WarningFlags = """
        CREATE TABLE warning_flags (
            indicator_id TEXT PRIMARY KEY,
            state INTEGER NOT NULL,
            flag BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE warning_reviews (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            state INTEGER NOT NULL,
            reviewer TEXT NOT NULL,
            note TEXT NOT NULL,
            at_us INTEGER NOT NULL);
        CREATE INDEX warning_reviews_by_indicator ON warning_reviews (indicator_id);
        """;

    /// <summary>
    /// Relay paths and leaf digests of foreign versions (empty for this node's own versions and rows from before), the
    /// quarantined indicators and the evidence kept for them (SECURITY.md rule 8).
    /// </summary>
    private const string Quarantine = """
        ALTER TABLE versions ADD COLUMN relay_path BLOB NOT NULL DEFAULT x'';
        ALTER TABLE versions ADD COLUMN leaf_digest BLOB NOT NULL DEFAULT x'';
        CREATE TABLE quarantine (
            indicator_id TEXT PRIMARY KEY,
            reason INTEGER NOT NULL,
            version INTEGER NOT NULL,
            since_us INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE quarantined_versions (
            id INTEGER PRIMARY KEY,
            indicator_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            leaf_digest BLOB NOT NULL,
            reason INTEGER NOT NULL,
            body BLOB NOT NULL,
            relay_path BLOB NOT NULL,
            received_us INTEGER NOT NULL,
            UNIQUE (indicator_id, version, leaf_digest));
        """;

    /// <summary>The schema version this build creates and reads.</summary>
    public static int Version => Migrations.Length;

    /// <summary>
    /// WAL lets readers run beside the single writer. synchronous=FULL makes each commit fsync
    /// the WAL, so an acknowledged write survives a power loss as well as a process kill
    /// (NORMAL would survive a kill only). Group commit amortizes the fsync.
    /// </summary>
    private const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 4000;
        """;

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Sets up the writer connection, creates or upgrades the schema and returns the feed id.</summary>
    public static string Initialize(SqliteConnection writer)
    {
        Execute(writer, WriterPragmas);
        SchemaMigrator.Migrate(writer, IndicatorWriter.StoreName, Migrations);
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO meta (key, value) VALUES ('feed_id', $id) ON CONFLICT (key) DO NOTHING;
            SELECT value FROM meta WHERE key = 'feed_id';
            """;
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>Fills the in-memory (type, value) index from the latest-version rows.</summary>
    public static void LoadValueIndex(SqliteConnection connection, ValueIndex index)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, value FROM indicators";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            index.Load(ValueIndex.Key((V1.IndicatorType)reader.GetInt32(1), reader.GetString(2)), reader.GetInt64(0));
        }
    }

    public static long ReadLastSequence(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM versions";
        return (long)command.ExecuteScalar()!;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
