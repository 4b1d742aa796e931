using System.Data.Common;
using System.Security.Cryptography;
using CyberPledge.Storage;

namespace CyberPledge.Federation.Storage;

/// <summary>
/// What the SQLite and PostgreSQL stores share: the statements, which are written once in the SQL both dialects
/// read (named parameters, ON CONFLICT), and run on a connection the subclass provides.
/// </summary>
internal abstract partial class FederationStoreBase : IFederationStore
{
    /// <summary>The name SchemaMigrator's messages and advisory lock use.</summary>
    public const string StoreName = "federation";

    private const string SealingKeyName = "cursor-sealing";
    private const int SealingKeyBytes = 32;

    private byte[]? _sealingKey;

    public abstract Task OpenAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public Task<LinkCursor?> GetCursorAsync(string nation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nation);
        return RunAsync(connection =>
        {
            using var command = Command(connection, "SELECT cursor, applied, saved_at_us FROM link_cursors WHERE nation = @nation", ("nation", nation));
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new LinkCursor((byte[])reader.GetValue(0), (ulong)reader.GetInt64(1), StoreTime.FromUnixMicroseconds(reader.GetInt64(2)))
                : null;
        }, cancellationToken);
    }

    public Task SaveCursorAsync(string nation, LinkCursor cursor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nation);
        ArgumentNullException.ThrowIfNull(cursor);
        return RunAsync(connection =>
        {
            using var command = Command(connection, """
                INSERT INTO link_cursors (nation, cursor, applied, saved_at_us) VALUES (@nation, @cursor, @applied, @saved)
                ON CONFLICT (nation) DO UPDATE SET cursor = excluded.cursor, applied = excluded.applied, saved_at_us = excluded.saved_at_us
                """,
                ("nation", nation), ("cursor", cursor.Cursor), ("applied", checked((long)cursor.Applied)), ("saved", StoreTime.ToUnixMicroseconds(cursor.SavedAt)));
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public async Task<byte[]> GetOrCreateSealingKeyAsync(CancellationToken cancellationToken)
    {
        if (_sealingKey is { } known)
        {
            return known;
        }

        // Insert-if-absent then read: replicas sharing one database all end up with the first key written.
        var key = await RunAsync(connection =>
        {
            using (var insert = Command(connection, "INSERT INTO node_keys (name, key) VALUES (@name, @key) ON CONFLICT (name) DO NOTHING",
                       ("name", SealingKeyName), ("key", RandomNumberGenerator.GetBytes(SealingKeyBytes))))
            {
                insert.ExecuteNonQuery();
            }

            using var select = Command(connection, "SELECT key FROM node_keys WHERE name = @name", ("name", SealingKeyName));
            return (byte[])select.ExecuteScalar()!;
        }, cancellationToken).ConfigureAwait(false);
        _sealingKey = key;
        return key;
    }

    /// <summary>Runs synchronous work on an open connection of the store.</summary>
    protected abstract Task<T> RunAsync<T>(Func<DbConnection, T> work, CancellationToken cancellationToken);

    protected static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
