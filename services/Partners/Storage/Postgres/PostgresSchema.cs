using CyberPledge.Partners.Audit;
using CyberPledge.Storage;
using Npgsql;

namespace CyberPledge.Partners.Storage.Postgres;

/// <summary>
/// Tables of the PostgreSQL store: the SQLite store's (<see cref="SqliteSchema"/>) plus <c>chain</c>, one row holding
/// the audit log's head (last sequence and hash). Writers lock that row for the length of their transaction: it
/// serializes the writers of several replicas, so records are numbered and chained in commit order.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The channel each commit notifies, with the commit's last sequence as payload.</summary>
    public const string Channel = "cyberpledge_partners";

    private static readonly SchemaMigration[] Migrations =
    [
        new(1, """
        CREATE TABLE chain (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            last_seq bigint NOT NULL,
            last_hash bytea NOT NULL);
        CREATE TABLE peers (nation text PRIMARY KEY, body bytea NOT NULL);
        CREATE TABLE agreement_versions (
            seq bigint PRIMARY KEY,
            agreement_id text NOT NULL,
            version bigint NOT NULL,
            grantee text NOT NULL,
            body bytea NOT NULL,
            UNIQUE (agreement_id, version));
        CREATE TABLE audit (
            seq bigint PRIMARY KEY,
            at_us bigint NOT NULL,
            actor text NOT NULL,
            action text NOT NULL,
            subject text NOT NULL,
            grantee text NOT NULL,
            before text NOT NULL,
            after text NOT NULL,
            previous_hash bytea NOT NULL,
            hash bytea NOT NULL);
        CREATE INDEX audit_by_grantee ON audit (grantee, at_us);
        CREATE INDEX audit_by_subject ON audit (subject, seq);
        CREATE INDEX audit_by_time ON audit (at_us);
        """),
        new(2, """
        CREATE TABLE peer_registry (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            revision bigint NOT NULL);
        INSERT INTO peer_registry (revision)
            SELECT COALESCE(MAX(seq), 0) FROM audit WHERE action IN ('peer.added', 'peer.updated', 'peer.removed');
        """),
        new(3, """
        CREATE TABLE taxii_credentials (
            username text PRIMARY KEY,
            nation text NOT NULL,
            salt bytea NOT NULL,
            hash bytea NOT NULL,
            iterations bigint NOT NULL,
            body bytea NOT NULL);
        """),
    ];

    /// <summary>Creates or upgrades the schema; returns the chain's head.</summary>
    public static (ulong LastSequence, byte[] LastHash) Initialize(NpgsqlConnection connection)
    {
        SchemaMigrator.Migrate(connection, PartnerWriter.StoreName, Migrations);
        using (var insert = new NpgsqlCommand("INSERT INTO chain (last_seq, last_hash) VALUES (0, $1) ON CONFLICT DO NOTHING", connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = AuditChain.Genesis });
            insert.ExecuteNonQuery();
        }

        return ReadHead(connection, forUpdate: false);
    }

    public static (ulong LastSequence, byte[] LastHash) ReadHead(NpgsqlConnection connection, bool forUpdate)
    {
        using var command = new NpgsqlCommand("SELECT last_seq, last_hash FROM chain" + (forUpdate ? " FOR UPDATE" : ""), connection);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? ((ulong)reader.GetInt64(0), (byte[])reader.GetValue(1))
            : throw new InvalidOperationException("The partner store's chain row is missing.");
    }
}
