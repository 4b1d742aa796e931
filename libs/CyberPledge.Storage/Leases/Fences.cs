using Microsoft.Data.Sqlite;
using Npgsql;

namespace CyberPledge.Storage.Leases;

/// <summary>
/// The storing side of fencing (DESIGN.md Decision 4): a write made under a lease carries the lease's name and fencing
/// number to the service that stores it, which admits it, inside the write's own transaction, only if no higher number
/// was seen for that lease. A stale owner (one whose lease moved on while it still ran) is refused, and its write is not
/// made, whatever its lease row says. The highest number seen is kept in the storing store's <c>fences</c> table.
/// </summary>
public static class Fences
{
    private const string Sql = """
        INSERT INTO fences (name, fencing) VALUES ($name, $fencing)
        ON CONFLICT (name) DO UPDATE SET fencing = excluded.fencing WHERE fences.fencing <= excluded.fencing
        RETURNING fencing
        """;

    /// <summary>True when <paramref name="fencing"/> is the highest seen for <paramref name="name"/> (now recorded); false: refuse the write.</summary>
    public static bool Admit(SqliteConnection connection, SqliteTransaction? transaction, string name, long fencing)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$fencing", fencing);
        return command.ExecuteScalar() is not null;
    }

    /// <inheritdoc cref="Admit(SqliteConnection, SqliteTransaction?, string, long)"/>
    public static async Task<bool> AdmitAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name, long fencing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(Sql.Replace("$name", "@name", StringComparison.Ordinal).Replace("$fencing", "@fencing", StringComparison.Ordinal), connection, transaction);
        command.Parameters.AddWithValue("name", name);
        command.Parameters.AddWithValue("fencing", fencing);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }
}
