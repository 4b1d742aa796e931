using Microsoft.Data.Sqlite;

namespace CyberPledge.Storage.Leases;

/// <summary>
/// Leases in a SQLite store, timed by <paramref name="time"/>. A SQLite store has one process (its data directory is
/// locked), so its lease is held by that process; the same code path as on PostgreSQL keeps one behaviour everywhere.
/// </summary>
public sealed class SqliteLeaseStore(string connectionString, TimeProvider time) : ILeaseStore
{
    private const string Upsert = """
        INSERT INTO leases (name, owner, fencing, expires_ticks) VALUES ($name, $owner, 1, $now + $ttl)
        ON CONFLICT (name) DO UPDATE SET
            owner = excluded.owner,
            fencing = CASE WHEN leases.owner = excluded.owner AND leases.expires_ticks > $now THEN leases.fencing ELSE leases.fencing + 1 END,
            expires_ticks = excluded.expires_ticks
        WHERE leases.owner = excluded.owner OR leases.expires_ticks <= $now
        RETURNING fencing, expires_ticks
        """;

    public async Task<LeaseGrant?> AcquireOrRenewAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        LeaseNames.Check(name, owner, ttl);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$now", time.GetUtcNow().UtcTicks);
        command.Parameters.AddWithValue("$ttl", ttl.Ticks);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LeaseGrant(name, owner, reader.GetInt64(0), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero))
            : null;
    }

    public async Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE leases SET expires_ticks = 0 WHERE name = $name AND owner = $owner AND fencing = $fencing";
        command.Parameters.AddWithValue("$name", grant.Name);
        command.Parameters.AddWithValue("$owner", grant.Owner);
        command.Parameters.AddWithValue("$fencing", grant.Fencing);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeaseGrant?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT owner, fencing, expires_ticks FROM leases WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LeaseGrant(name, reader.GetString(0), reader.GetInt64(1), new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero))
            : null;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
