using CyberPledge.V1;
using Npgsql;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>Reads result rows of the store's statements: versions (<see cref="StoredRows"/>) and (id, version, seq) heads.</summary>
internal static class PostgresRows
{
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    public static StoredIndicator? ReadOne(NpgsqlDataReader reader) => reader.Read() ? Version(reader) : null;

    public static List<StoredIndicator> ReadAll(NpgsqlDataReader reader)
    {
        var results = new List<StoredIndicator>();
        while (reader.Read())
        {
            results.Add(Version(reader));
        }

        return results;
    }

    public static async Task<List<StoredIndicator>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var results = new List<StoredIndicator>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(Version(reader));
        }

        return results;
    }

    public static IndicatorHead? ReadHead(NpgsqlDataReader reader) =>
        reader.Read() ? new IndicatorHead(reader.GetString(0), (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2)) : null;

    public static IdempotencyRecord? ReadIdempotency(NpgsqlDataReader reader, string key) =>
        reader.Read()
            ? new IdempotencyRecord(key, reader.GetFieldValue<byte[]>(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<DateTimeOffset>(2))
            : null;

    private static StoredIndicator Version(NpgsqlDataReader reader) => StoredRows.Read(reader);
}
