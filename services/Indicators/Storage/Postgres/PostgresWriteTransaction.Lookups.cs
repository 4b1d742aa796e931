using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// Appends, and lookups that see them. A Submit looks up each item before appending it; sending
/// the queued rows with every lookup would cost two statements per item. So a lookup goes alone
/// when the queued rows cannot change its answer: none of them has the id or key it asks for, and
/// none of the rows it finds is one of theirs (an indicator whose queued version moved to another
/// value). Otherwise the rows go first, and the answer is the database's.
/// </summary>
internal sealed partial class PostgresWriteTransaction
{
    private const string UpsertIdempotency = """
        INSERT INTO idempotency (key, request_hash, response, expires_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, response = excluded.response, expires_at = excluded.expires_at
        """;

    private const string InsertEvidence = """
        INSERT INTO quarantined_versions (indicator_id, version, leaf_digest, reason, body, relay_path, received_us)
        VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING
        """;

    private const string InsertQuarantine =
        "INSERT INTO quarantine (indicator_id, reason, version, since_us) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

    private const string UpsertWarning = """
        INSERT INTO warning_flags (indicator_id, state, flag) VALUES ($1, $2, $3)
        ON CONFLICT (indicator_id) DO UPDATE SET state = excluded.state, flag = excluded.flag
        """;

    private const string InsertPromotion =
        "INSERT INTO import_promotions (indicator_id, version, promoted_by, note, at_us) VALUES ($1, $2, $3, $4, $5)";

    private const string InsertReview =
        "INSERT INTO warning_reviews (indicator_id, version, state, reviewer, note, at_us) VALUES ($1, $2, $3, $4, $5, $6)";

    public ulong Append(Indicator version, ReceivedCopy? received = null)
    {
        var sequence = LastSequence + 1;
        _lastStoredUs = Math.Max(StoreTime.ToUnixMicroseconds(_time.GetUtcNow()), _lastStoredUs + 1);
        _rows.Add(sequence, _lastStoredUs, version, version.ToByteArray(), IndicatorColumns.SectorMask(version.Sectors),
            version.Modified is null ? 0L : StoreTime.ToUnixMicroseconds(version.Modified.Seconds, version.Modified.Nanos), IndicatorColumns.SearchText(version),
            received);
        LastSequence = sequence;
        return sequence;
    }

    /// <summary>Queued like the idempotency records: nothing in the work needs an answer from them.</summary>
    public void Quarantine(QuarantinedVersion evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var version = evidence.Version;
        var receivedUs = StoreTime.ToUnixMicroseconds(evidence.ReceivedAt);
        _pending.Add(PostgresRows.Command(InsertEvidence, version.Id, (long)version.Version, evidence.LeafDigest, (int)evidence.Reason,
            version.ToByteArray(), RelayPathColumn.Write(evidence.RelayPath), receivedUs));
        _pending.Add(PostgresRows.Command(InsertQuarantine, version.Id, (int)evidence.Reason, (long)version.Version, receivedUs));
    }

    /// <summary>Queued too; a later lookup in the work sends them first, so it sees the flag.</summary>
    public void SetWarning(string indicatorId, WarningFlag flag) =>
        _pending.Add(PostgresRows.Command(UpsertWarning, indicatorId, (int)flag.State, flag.ToByteArray()));

    public void ClearWarning(string indicatorId) =>
        _pending.Add(PostgresRows.Command("DELETE FROM warning_flags WHERE indicator_id = $1", indicatorId));

    public void RecordWarningReview(WarningReviewRecord review)
    {
        ArgumentNullException.ThrowIfNull(review);
        _pending.Add(PostgresRows.Command(InsertReview, review.IndicatorId, (long)review.Version, (int)review.State, review.Reviewer, review.Note,
            StoreTime.ToUnixMicroseconds(review.At)));
    }

    public void RecordImportPromotion(ImportPromotionRecord promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        _pending.Add(PostgresRows.Command(InsertPromotion, promotion.IndicatorId, (long)promotion.Version, promotion.PromotedBy, promotion.Note,
            StoreTime.ToUnixMicroseconds(promotion.At)));
    }

    public void SaveIdempotency(IdempotencyRecord record) =>
        _pending.Add(PostgresRows.Command(UpsertIdempotency, record.Key, record.RequestHash, record.Response, record.ExpiresAt.ToUniversalTime()));

    public override StoredIndicator? FindById(string id) =>
        Fresh(_rows.HasId(id), () => base.FindById(id), found => found?.Indicator.Id);

    public override StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value) =>
        Fresh(_rows.HasKey(origin, type, value), () => base.FindByValue(origin, type, value), found => found?.Indicator.Id);

    public override IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(
        Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys) =>
        Fresh(keys.Any(k => _rows.HasKey(origin, k.Type, k.Value)), () => base.FindManyByValue(origin, keys),
            found => found.Values.Select(s => s.Indicator.Id).FirstOrDefault(_rows.HasId));

    public override IndicatorHead? FindHeadById(string id) =>
        Fresh(_rows.HasId(id), () => base.FindHeadById(id), found => found?.Id);

    public override IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value) =>
        Fresh(_rows.HasKey(origin, type, value), () => base.FindHeadByValue(origin, type, value), found => found?.Id);

    /// <param name="seesRows">Whether a queued row has the id or key looked up.</param>
    /// <param name="lookup">The lookup, on the database.</param>
    /// <param name="foundId">An id the lookup found that a queued row also has (its answer may be stale), else any id or null.</param>
    private T Fresh<T>(bool seesRows, Func<T> lookup, Func<T, string?> foundId)
    {
        if (!seesRows && _rows.Count > 0)
        {
            _sendRowsWithQuery = false;
            try
            {
                var alone = lookup();
                if (foundId(alone) is not { } id || !_rows.HasId(id))
                {
                    return alone;
                }
            }
            finally
            {
                _sendRowsWithQuery = true;
            }
        }

        return lookup();
    }
}
