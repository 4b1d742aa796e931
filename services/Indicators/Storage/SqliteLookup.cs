using CyberPledge.V1;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// Point lookups and feed reads on one connection. Commands are created once per statement
/// and reused, so the writer's long-lived instance prepares each statement only once.
/// </summary>
internal class SqliteLookup : IIndicatorLookup, IDisposable
{
    private const string LatestColumns = "i.seq, v.body FROM indicators i JOIN versions v ON v.seq = i.seq";

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteLookup(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    public StoredIndicator? FindById(string id) =>
        ReadOne(Command($"SELECT {LatestColumns} WHERE i.id = $p0", id));

    public StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value) =>
        ReadOne(Command(
            $"SELECT {LatestColumns} WHERE i.type = $p0 AND i.value = $p1 AND i.origin_nation = $p2 AND i.origin_node = $p3",
            (long)type, value, origin.Nation, origin.NodeId));

    public IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(
        Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys)
    {
        var found = new Dictionary<(IndicatorType, string), StoredIndicator>();
        if (keys.Count == 0)
        {
            return found;
        }

        // One statement for a whole batch: SQLite walks the JSON array and probes (type, value).
        var command = Command(
            """
            SELECT i.seq, v.body FROM json_each($p0) k
            JOIN indicators i ON i.type = k.value ->> 0 AND i.value = k.value ->> 1
            JOIN versions v ON v.seq = i.seq
            WHERE i.origin_nation = $p1 AND i.origin_node = $p2
            """,
            LookupKeys.ToJson(keys), origin.Nation, origin.NodeId);
        foreach (var stored in ReadAll(command))
        {
            found[(stored.Indicator.Type, stored.Indicator.Value)] = stored;
        }

        return found;
    }

    public IndicatorHead? FindHeadById(string id) =>
        ReadHead(Command("SELECT id, version, seq FROM indicators WHERE id = $p0", id));

    public IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value) =>
        ReadHead(Command(
            "SELECT id, version, seq FROM indicators WHERE type = $p0 AND value = $p1 AND origin_nation = $p2 AND origin_node = $p3",
            (long)type, value, origin.Nation, origin.NodeId));

    public IdempotencyRecord? FindIdempotency(string key)
    {
        using var reader = Command("SELECT request_hash, response, expires_us FROM idempotency WHERE key = $p0", key).ExecuteReader();
        return reader.Read()
            ? new IdempotencyRecord(key, (byte[])reader[0], (byte[])reader[1], DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(2) * 10))
            : null;
    }

    public StoredIndicator? GetVersion(string id, ulong version) =>
        ReadOne(Command("SELECT seq, body FROM versions WHERE indicator_id = $p0 AND version = $p1", id, (long)version));

    public List<StoredIndicator> ReadFeed(ulong afterSequence, int limit) =>
        ReadAll(Command("SELECT seq, body FROM versions WHERE seq > $p0 ORDER BY seq LIMIT $p1", (long)afterSequence, (long)limit));

    protected SqliteCommand Command(string sql, params object[] values)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null));
            }

            _commands.Add(sql, command);
        }

        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command;
    }

    public static List<StoredIndicator> ReadAll(SqliteCommand command)
    {
        var results = new List<StoredIndicator>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            results.Add(ReadRow(reader));
        }

        return results;
    }

    private static IndicatorHead? ReadHead(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? new IndicatorHead(reader.GetString(0), (ulong)reader.GetInt64(1), (ulong)reader.GetInt64(2)) : null;
    }

    private static StoredIndicator? ReadOne(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRow(reader) : null;
    }

    private static StoredIndicator ReadRow(SqliteDataReader reader)
    {
        var sequence = (ulong)reader.GetInt64(0);
        var body = (byte[])reader[1];
        return new StoredIndicator(Indicator.Parser.ParseFrom(body), sequence);
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
