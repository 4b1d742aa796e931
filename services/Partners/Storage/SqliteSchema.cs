using CyberPledge.Storage;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// Tables of the embedded store: <c>peers</c> (one row per nation), <c>peer_registry</c> (one row: the registry's
/// revision), <c>agreement_versions</c> (every version, keyed by the sequence of the audit record that made it) and
/// <c>audit</c> (the hash-chained log, keyed by its sequence, indexed by grantee and time, by subject, and by time) and
/// <c>taxii_credentials</c> (TAXII Basic credentials by username: salted slow hashes, never passwords).
/// </summary>
internal static class SqliteSchema
{
    public const string FileName = "partners.db";

    private static readonly SchemaMigration[] Migrations =
    [
        new(1, """
        CREATE TABLE peers (nation TEXT PRIMARY KEY, body BLOB NOT NULL) WITHOUT ROWID;
        CREATE TABLE agreement_versions (
            seq INTEGER PRIMARY KEY,
            agreement_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            grantee TEXT NOT NULL,
            body BLOB NOT NULL);
        CREATE UNIQUE INDEX agreement_versions_by_id ON agreement_versions (agreement_id, version);
        CREATE TABLE audit (
            seq INTEGER PRIMARY KEY,
            at_us INTEGER NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            grantee TEXT NOT NULL,
            before TEXT NOT NULL,
            after TEXT NOT NULL,
            previous_hash BLOB NOT NULL,
            hash BLOB NOT NULL);
        CREATE INDEX audit_by_grantee ON audit (grantee, at_us);
        CREATE INDEX audit_by_subject ON audit (subject, seq);
        CREATE INDEX audit_by_time ON audit (at_us);
        """),
        // The registry's revision (WatchPeers): the sequence of the last peer change, kept beside the peers so one
        // statement reads both, and so it survives the removal of the peer that made it.
        new(2, """
        CREATE TABLE peer_registry (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), revision INTEGER NOT NULL);
        INSERT INTO peer_registry (singleton, revision)
            SELECT 1, COALESCE(MAX(seq), 0) FROM audit WHERE action IN ('peer.added', 'peer.updated', 'peer.removed');
        """),
        // TAXII Basic credentials (SECURITY.md rule 10): the listed part as a protobuf body, the salted slow hash beside it.
        new(3, """
        CREATE TABLE taxii_credentials (
            username TEXT PRIMARY KEY,
            nation TEXT NOT NULL,
            salt BLOB NOT NULL,
            hash BLOB NOT NULL,
            iterations INTEGER NOT NULL,
            body BLOB NOT NULL) WITHOUT ROWID;
        """),
    ];

    /// <summary>WAL for readers beside the writer; synchronous=FULL so an acknowledged change survives a power loss.</summary>
    private const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA temp_store = MEMORY;
        """;

    public static string ConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, FileName),
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Sets up the writer connection, creates or upgrades the schema and returns the chain's head.</summary>
    public static (ulong LastSequence, byte[] LastHash) Initialize(SqliteConnection writer)
    {
        using (var pragmas = writer.CreateCommand())
        {
            pragmas.CommandText = WriterPragmas;
            pragmas.ExecuteNonQuery();
        }

        SchemaMigrator.Migrate(writer, PartnerWriter.StoreName, Migrations);
        using var command = writer.CreateCommand();
        command.CommandText = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? ((ulong)reader.GetInt64(0), (byte[])reader.GetValue(1)) : (0, Audit.AuditChain.Genesis);
    }
}
