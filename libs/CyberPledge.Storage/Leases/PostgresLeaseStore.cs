using Npgsql;
using NpgsqlTypes;

namespace CyberPledge.Storage.Leases;

/// <summary>
/// Leases in PostgreSQL, timed by the database's clock (<c>clock_timestamp()</c>), so replicas on hosts whose clocks
/// differ agree on when a lease expires. Taking and renewing is one upsert: two replicas racing for a free lease are
/// serialized on its row, and one of them gets it.
/// </summary>
public sealed class PostgresLeaseStore(NpgsqlDataSource dataSource) : ILeaseStore
{
    private const string Upsert = """
        INSERT INTO leases (name, owner, fencing, expires_at) VALUES ($1, $2, 1, clock_timestamp() + $3)
        ON CONFLICT (name) DO UPDATE SET
            owner = EXCLUDED.owner,
            fencing = CASE WHEN leases.owner = EXCLUDED.owner AND leases.expires_at > clock_timestamp() THEN leases.fencing ELSE leases.fencing + 1 END,
            expires_at = EXCLUDED.expires_at
        WHERE leases.owner = EXCLUDED.owner OR leases.expires_at <= clock_timestamp()
        RETURNING fencing, expires_at
        """;

    public async Task<LeaseGrant?> AcquireOrRenewAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken)
    {
        LeaseNames.Check(name, owner, ttl);
        await using var command = dataSource.CreateCommand(Upsert);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl, NpgsqlDbType = NpgsqlDbType.Interval });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LeaseGrant(name, owner, reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    public async Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        await using var command = dataSource.CreateCommand(
            "UPDATE leases SET expires_at = clock_timestamp() WHERE name = $1 AND owner = $2 AND fencing = $3");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grant.Owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = grant.Fencing });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<LeaseGrant?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT owner, fencing, expires_at FROM leases WHERE name = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new LeaseGrant(name, reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
    }
}
