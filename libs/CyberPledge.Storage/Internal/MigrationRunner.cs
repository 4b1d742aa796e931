using System.Data.Common;
using System.Globalization;

namespace CyberPledge.Storage.Internal;

/// <summary>The dialect-free part of <see cref="SchemaMigrator"/>: ADO.NET and SQL that both databases accept.</summary>
internal static class MigrationRunner
{
    private const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP)";

    public static int Migrate(DbConnection connection, string storeName, IReadOnlyList<SchemaMigration> migrations, string? lockStatement)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(storeName);
        CheckNumbering(migrations);
        while (true)
        {
            // One transaction per migration: the version is read again under the lock each time,
            // since another process may have applied the next one meanwhile.
            using var transaction = connection.BeginTransaction();
            if (lockStatement is not null)
            {
                Execute(transaction, lockStatement);
            }

            Execute(transaction, VersionTable);
            var current = Convert.ToInt32(Scalar(transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
            if (current > migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The {storeName} store's schema is version {current}, newer than this build's {migrations.Count}: run a build at least as new.");
            }

            if (current == migrations.Count)
            {
                transaction.Commit();
                return current;
            }

            var next = migrations[current];
            Execute(transaction, next.Sql);
            Execute(transaction, "INSERT INTO schema_version (version) VALUES (" + next.Version.ToString(CultureInfo.InvariantCulture) + ")");
            transaction.Commit();
        }
    }

    private static void CheckNumbering(IReadOnlyList<SchemaMigration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new ArgumentException($"Migration {i + 1} is numbered {migrations[i].Version}: migrations are numbered 1, 2, ... in order.", nameof(migrations));
            }
        }
    }

    private static void Execute(DbTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbTransaction transaction, string sql)
    {
        using var command = Command(transaction, sql);
        return command.ExecuteScalar();
    }

    private static DbCommand Command(DbTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
