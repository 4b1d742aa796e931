using System.Globalization;
using CyberPledge.Storage;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// Point lookups and feed reads on one connection. Commands are created once per statement
/// and reused, so the writer's long-lived instance prepares each statement only once.
/// </summary>
internal class SqliteLookup : IIndicatorLookup, IDisposable
{
    private const string LatestColumns = StoredRows.Columns + " FROM " + StoredRows.Latest;

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Func<long, long[]> _candidates;

    /// <param name="connection">The connection to read through.</param>
    /// <param name="candidates">Sequences whose row may hold a (type, value) key: see <see cref="ValueIndex"/>.</param>
    public SqliteLookup(SqliteConnection connection, Func<long, long[]> candidates)
    {
        Connection = connection;
        _candidates = candidates;
    }

    public SqliteConnection Connection { get; }

    public StoredIndicator? FindById(string id) =>
        ReadOne(Command($"SELECT {LatestColumns} WHERE i.id = $p0", id));

    public StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value)
    {
        foreach (var sequence in _candidates(ValueIndex.Key(type, value)))
        {
            var found = ReadOne(Command(
                $"SELECT {LatestColumns} WHERE i.seq = $p0 AND i.type = $p1 AND i.value = $p2 AND i.origin_nation = $p3 AND i.origin_node = $p4 AND i.imported = 0",
                sequence, (long)type, value, origin.Nation, origin.NodeId));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    public IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(
        Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys)
    {
        var found = new Dictionary<(IndicatorType, string), StoredIndicator>();
        var sequences = keys.SelectMany(k => _candidates(ValueIndex.Key(k.Type, k.Value))).ToList();
        if (sequences.Count == 0)
        {
            return found;
        }

        // One statement for a whole batch; new indicators (no candidates) cost none.
        var wanted = keys.ToHashSet();
        var command = Command($"SELECT {LatestColumns} WHERE i.seq IN (SELECT value FROM json_each($p0))", "[" + string.Join(',', sequences.Select(n => n.ToString(CultureInfo.InvariantCulture))) + "]");
        foreach (var stored in ReadAll(command))
        {
            var indicator = stored.Indicator;
            if (wanted.Contains((indicator.Type, indicator.Value)) && Validation.OriginRules.SameOrigin(indicator.Origin, origin) && indicator.Imported is null)
            {
                found[(indicator.Type, indicator.Value)] = stored;
            }
        }

        return found;
    }

    public IndicatorHead? FindHeadById(string id) =>
        ReadHead(Command("SELECT id, version, seq FROM indicators WHERE id = $p0", id));

    public IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value)
    {
        foreach (var sequence in _candidates(ValueIndex.Key(type, value)))
        {
            var head = ReadHead(Command(
                "SELECT id, version, seq FROM indicators WHERE seq = $p0 AND type = $p1 AND value = $p2 AND origin_nation = $p3 AND origin_node = $p4 AND imported = 0",
                sequence, (long)type, value, origin.Nation, origin.NodeId));
            if (head is not null)
            {
                return head;
            }
        }

        return null;
    }

    /// <summary>Whether a latest-version row with this sequence still exists.</summary>
    public bool IsLatest(long sequence) => Command("SELECT 1 FROM indicators WHERE seq = $p0", sequence).ExecuteScalar() is not null;

    public byte[]? FindLeafDigest(string id, ulong version)
    {
        using var reader = Command($"SELECT {StoredRows.LeafDigestColumns} FROM versions WHERE indicator_id = $p0 AND version = $p1", id, (long)version).ExecuteReader();
        return StoredRows.ReadLeafDigest(reader);
    }

    public IReadOnlyList<QuarantinedVersion> FindQuarantinedVersions(string id)
    {
        using var reader = Command($"SELECT {StoredRows.EvidenceColumns} FROM quarantined_versions WHERE indicator_id = $p0 ORDER BY id", id).ExecuteReader();
        return StoredRows.ReadEvidence(reader);
    }

    public IReadOnlyList<WarningReviewRecord> FindWarningReviews(string id)
    {
        using var reader = Command($"SELECT {StoredRows.ReviewColumns} FROM warning_reviews WHERE indicator_id = $p0 ORDER BY id", id).ExecuteReader();
        return StoredRows.ReadReviews(reader);
    }

    public IReadOnlyList<ImportPromotionRecord> FindImportPromotions(string id)
    {
        using var reader = Command($"SELECT {StoredRows.PromotionColumns} FROM import_promotions WHERE indicator_id = $p0 ORDER BY id", id).ExecuteReader();
        return StoredRows.ReadPromotions(reader);
    }

    public IdempotencyRecord? FindIdempotency(string key)
    {
        using var reader = Command("SELECT request_hash, response, expires_us FROM idempotency WHERE key = $p0", key).ExecuteReader();
        return reader.Read()
            ? new IdempotencyRecord(key, (byte[])reader[0], (byte[])reader[1], StoreTime.FromUnixMicroseconds(reader.GetInt64(2)))
            : null;
    }

    public StoredIndicator? GetVersion(string id, ulong version) =>
        ReadOne(Command($"SELECT {StoredRows.Columns} FROM {StoredRows.Versions} WHERE v.indicator_id = $p0 AND v.version = $p1", id, (long)version));

    public List<StoredIndicator> ReadFeed(ulong afterSequence, int limit) =>
        ReadAll(Command($"SELECT {StoredRows.FeedColumns} FROM {StoredRows.FeedVersions} WHERE v.seq > $p0 ORDER BY v.seq LIMIT $p1", StoreSequence.ToColumn(afterSequence), (long)limit));

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
            results.Add(StoredRows.Read(reader));
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
        return reader.Read() ? StoredRows.Read(reader) : null;
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
