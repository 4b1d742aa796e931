using CyberPledge.V1;
using Npgsql;
using static CyberPledge.Indicators.Storage.Postgres.PostgresRows;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// Point lookups on one connection. They are synchronous, as <see cref="IIndicatorLookup"/> is:
/// the writer runs works on its own thread, and a read holds a pooled connection only for the
/// length of its lookups. (type, value) is a B-tree index here, not an in-memory one as in
/// SQLite (<see cref="ValueIndex"/>): replicas write the table too, so no process knows it all.
/// </summary>
internal class PostgresLookup : IIndicatorLookup
{
    private const string LatestColumns = StoredRows.Columns + " FROM " + StoredRows.Latest;
    // Imported indicators are keyed by (source, STIX id), never by value (SECURITY.md rule 2).
    private const string SameOrigin = "i.origin_nation = $3 AND i.origin_node = $4 AND NOT i.imported";

    public PostgresLookup(NpgsqlConnection? connection) => Connection = connection;

    protected NpgsqlConnection? Connection { get; set; }

    public virtual StoredIndicator? FindById(string id) =>
        Query(Command($"SELECT {LatestColumns} WHERE i.id = $1", id), ReadOne);

    public virtual StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value) =>
        Query(Command($"SELECT {LatestColumns} WHERE i.type = $1 AND i.value = $2 AND {SameOrigin} ORDER BY i.seq LIMIT 1",
            (int)type, value, origin.Nation, origin.NodeId), ReadOne);

    public virtual IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(
        Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys)
    {
        var found = new Dictionary<(IndicatorType, string), StoredIndicator>();
        if (keys.Count == 0)
        {
            return found;
        }

        // One statement for a whole batch: the keys travel as two arrays.
        var command = Command(
            $"SELECT {LatestColumns} JOIN unnest($1::integer[], $2::text[]) AS k (type, value) ON i.type = k.type AND i.value = k.value WHERE {SameOrigin} ORDER BY i.seq",
            keys.Select(k => (int)k.Type).ToArray(), keys.Select(k => k.Value).ToArray(), origin.Nation, origin.NodeId);
        foreach (var stored in Query(command, ReadAll))
        {
            found.TryAdd((stored.Indicator.Type, stored.Indicator.Value), stored);
        }

        return found;
    }

    public virtual IndicatorHead? FindHeadById(string id) =>
        Query(Command("SELECT id, version, seq FROM indicators WHERE id = $1", id), ReadHead);

    public virtual IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value) =>
        Query(Command($"SELECT i.id, i.version, i.seq FROM indicators i WHERE i.type = $1 AND i.value = $2 AND {SameOrigin} ORDER BY i.seq LIMIT 1",
            (int)type, value, origin.Nation, origin.NodeId), ReadHead);

    public virtual byte[]? FindLeafDigest(string id, ulong version) =>
        Query(Command($"SELECT {StoredRows.LeafDigestColumns} FROM versions WHERE indicator_id = $1 AND version = $2", id, (long)version),
            StoredRows.ReadLeafDigest);

    public virtual IReadOnlyList<QuarantinedVersion> FindQuarantinedVersions(string id) =>
        Query(Command($"SELECT {StoredRows.EvidenceColumns} FROM quarantined_versions WHERE indicator_id = $1 ORDER BY id", id),
            StoredRows.ReadEvidence);

    public virtual IReadOnlyList<WarningReviewRecord> FindWarningReviews(string id) =>
        Query(Command($"SELECT {StoredRows.ReviewColumns} FROM warning_reviews WHERE indicator_id = $1 ORDER BY id", id), StoredRows.ReadReviews);

    public virtual IReadOnlyList<ImportPromotionRecord> FindImportPromotions(string id) =>
        Query(Command($"SELECT {StoredRows.PromotionColumns} FROM import_promotions WHERE indicator_id = $1 ORDER BY id", id), StoredRows.ReadPromotions);

    public virtual IdempotencyRecord? FindIdempotency(string key) =>
        Query(Command("SELECT request_hash, response, expires_at FROM idempotency WHERE key = $1", key), reader => ReadIdempotency(reader, key));

    /// <summary>Runs one statement and reads its rows; the writer sends its pending writes ahead of it.</summary>
    protected virtual T Query<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read)
    {
        using var batch = new NpgsqlBatch(Connection) { BatchCommands = { command } };
        using var reader = batch.ExecuteReader();
        return read(reader);
    }
}
