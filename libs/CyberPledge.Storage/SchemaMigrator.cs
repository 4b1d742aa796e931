using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.Storage.Internal;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CyberPledge.Storage;

/// <summary>
/// Brings a store's schema to the latest of its <see cref="SchemaMigration"/>s, on SQLite or
/// PostgreSQL. The table <c>schema_version</c> lists the versions applied; each missing migration
/// runs once, in its own transaction with its version's record. A database whose version is newer
/// than the latest migration (written by a newer build) is refused.
/// </summary>
/// <remarks>
/// A database without <c>schema_version</c> is at version 0, so migration 1 runs on it. A store
/// whose databases predate versioning writes its migration 1 to be idempotent (CREATE ... IF NOT
/// EXISTS): an existing database is then recognised as version 1, untouched.
/// </remarks>
public static class SchemaMigrator
{
    /// <summary>
    /// Migrates a SQLite database. Each migration's transaction is BEGIN IMMEDIATE, so two
    /// connections migrating one file take turns.
    /// </summary>
    /// <param name="connection">An open connection, outside any transaction.</param>
    /// <param name="storeName">The store, as error messages name it (e.g. "indicator").</param>
    /// <param name="migrations">The store's migrations, numbered 1, 2, ... in order.</param>
    /// <returns>The schema version now: the latest migration's.</returns>
    public static int Migrate(SqliteConnection connection, string storeName, IReadOnlyList<SchemaMigration> migrations) =>
        MigrationRunner.Migrate(connection, storeName, migrations, lockStatement: null);

    /// <summary>
    /// Migrates a PostgreSQL database. Each migration's transaction first takes an advisory lock
    /// named after the store, so replicas starting together take turns and each version is applied once.
    /// </summary>
    /// <inheritdoc cref="Migrate(SqliteConnection, string, IReadOnlyList{SchemaMigration})"/>
    public static int Migrate(NpgsqlConnection connection, string storeName, IReadOnlyList<SchemaMigration> migrations) =>
        MigrationRunner.Migrate(connection, storeName, migrations, "SELECT pg_advisory_xact_lock(" + AdvisoryLockKey(storeName) + ")");

    /// <summary>Advisory lock keys are per database: any 64-bit number unique to the store will do.</summary>
    private static long AdvisoryLockKey(string storeName) =>
        BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("cyberpledge-schema:" + storeName)));
}
