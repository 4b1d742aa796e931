using CyberPledge.Storage;
using Npgsql;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// Tables of the PostgreSQL store: the same shape as the SQLite store's (<see cref="SqliteSchema"/>),
/// plus <c>feed</c>, one row holding the feed id and the last committed sequence. Writers lock
/// that row for the length of their transaction: it is what serializes the writers of several
/// replicas, so sequences are handed out, and become visible, in commit order.
/// </summary>
/// <remarks>
/// The schema is versioned (<see cref="SchemaMigrator"/>): <c>schema_version</c> lists the
/// migrations applied. Opening applies the missing ones under an advisory lock, so replicas
/// starting together do not race, and refuses a database migrated by a newer build.
/// </remarks>
internal static class PostgresSchema
{
    /// <summary>The channel each commit notifies, with the commit's last sequence as payload.</summary>
    public const string Channel = "cyberpledge_indicators";

    private static readonly SchemaMigration[] Migrations =
    [
        new(1, """
        CREATE TABLE feed (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            feed_id text NOT NULL,
            last_seq bigint NOT NULL);
        CREATE TABLE versions (
            seq bigint PRIMARY KEY,
            indicator_id text NOT NULL,
            version bigint NOT NULL,
            body bytea NOT NULL,
            UNIQUE (indicator_id, version));
        CREATE TABLE indicators (
            id text PRIMARY KEY,
            seq bigint NOT NULL UNIQUE,
            origin_nation text NOT NULL,
            origin_node text NOT NULL,
            type integer NOT NULL,
            value text NOT NULL,
            version bigint NOT NULL,
            revoked boolean NOT NULL,
            tlp integer NOT NULL,
            sectors bigint NOT NULL,
            modified_us bigint NOT NULL,
            search_text text NOT NULL);
        CREATE INDEX indicators_by_value ON indicators (type, value);
        CREATE INDEX indicators_by_modified ON indicators (modified_us);
        CREATE TABLE idempotency (
            key text PRIMARY KEY,
            request_hash bytea NOT NULL,
            response bytea NOT NULL,
            expires_at timestamptz NOT NULL);
        CREATE INDEX idempotency_by_expiry ON idempotency (expires_at);
        """),
        new(2, OriginPin.Table),
        // Canonical encoding v2: each version records the encoding it is signed with; rows from before are v1.
        new(3, "ALTER TABLE versions ADD COLUMN encoding integer NOT NULL DEFAULT 1;"),
        // As SQLite's migration 4: relay paths and leaf digests of foreign versions, quarantine and its evidence.
        new(4, """
        ALTER TABLE versions ADD COLUMN relay_path bytea NOT NULL DEFAULT '\x';
        ALTER TABLE versions ADD COLUMN leaf_digest bytea NOT NULL DEFAULT '\x';
        CREATE TABLE quarantine (
            indicator_id text PRIMARY KEY,
            reason integer NOT NULL,
            version bigint NOT NULL,
            since_us bigint NOT NULL);
        CREATE TABLE quarantined_versions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator_id text NOT NULL,
            version bigint NOT NULL,
            leaf_digest bytea NOT NULL,
            reason integer NOT NULL,
            body bytea NOT NULL,
            relay_path bytea NOT NULL,
            received_us bigint NOT NULL,
            UNIQUE (indicator_id, version, leaf_digest));
        """),
        // As SQLite's migration 5: warning flags (SECURITY.md rule 4) and the analysts' reviews of them.
        new(5, """
        CREATE TABLE warning_flags (
            indicator_id text PRIMARY KEY,
            state integer NOT NULL,
            flag bytea NOT NULL);
        CREATE TABLE warning_reviews (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator_id text NOT NULL,
            version bigint NOT NULL,
            state integer NOT NULL,
            reviewer text NOT NULL,
            note text NOT NULL,
            at_us bigint NOT NULL);
        CREATE INDEX warning_reviews_by_indicator ON warning_reviews (indicator_id);
        """),
        // As SQLite's migration 6: the links that provide each foreign indicator (SECURITY.md rule 6).
        new(6, "CREATE TABLE foreign_providers (indicator_id text NOT NULL, provider text NOT NULL, PRIMARY KEY (indicator_id, provider));"),
        // As SQLite's migration 7: when this node stored each version (TAXII's date_added), strictly increasing with seq.
        new(7, """
        ALTER TABLE versions ADD COLUMN stored_us bigint NOT NULL DEFAULT 0;
        UPDATE versions SET stored_us = (extract(epoch from clock_timestamp()) * 1000000)::bigint - ((SELECT MAX(seq) FROM versions) - seq);
        """),
        // As SQLite's migration 8: imported indicators marked on their latest row, and the promotions of them.
        new(8, """
        ALTER TABLE indicators ADD COLUMN imported boolean NOT NULL DEFAULT false;
        CREATE TABLE import_promotions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            indicator_id text NOT NULL,
            version bigint NOT NULL,
            promoted_by text NOT NULL,
            note text NOT NULL,
            at_us bigint NOT NULL);
        CREATE INDEX import_promotions_by_indicator ON import_promotions (indicator_id);
        """),
    ];

    /// <summary>The schema version this build creates and reads.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Creates or upgrades the schema; returns the feed id and the last committed sequence.</summary>
    public static (string FeedId, ulong LastSequence) Initialize(NpgsqlConnection connection)
    {
        SchemaMigrator.Migrate(connection, IndicatorWriter.StoreName, Migrations);
        // Replicas starting together: one insert wins, the others wait for it and do nothing.
        Scalar(connection, "INSERT INTO feed (feed_id, last_seq) VALUES ($1, 0) ON CONFLICT DO NOTHING", Guid.NewGuid().ToString("D"));
        return Feed(connection);
    }

    /// <summary>Whether the server flushes its WAL to disk; without it no commit is durable.</summary>
    public static bool ServerFsyncs(NpgsqlConnection connection) =>
        (string?)Scalar(connection, "SHOW fsync") == "on";

    public static ulong ReadLastSequence(NpgsqlConnection connection) => Feed(connection).LastSequence;

    private static (string FeedId, ulong LastSequence) Feed(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT feed_id, last_seq FROM feed", connection);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? (reader.GetString(0), (ulong)reader.GetInt64(1))
            : throw new InvalidOperationException("The indicator store's feed row is missing.");
    }

    private static object? Scalar(NpgsqlConnection connection, string sql, params object[] values)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command.ExecuteScalar();
    }
}
