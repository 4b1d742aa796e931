using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The writer connection's statements. Sequence numbers are handed out here, by the only
/// writer, so they are gap-free within a commit and increase with commit order.
/// </summary>
internal sealed partial class SqliteWriteTransaction : SqliteLookup, IIndicatorGroupCommitTransaction
{
    private const string InsertVersion =
        """
        INSERT INTO versions (seq, indicator_id, version, body, encoding, relay_path, leaf_digest, stored_us)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, MAX(?8, COALESCE((SELECT stored_us FROM versions WHERE seq = ?1 - 1), 0) + 1))
        """;

    // INSERT OR REPLACE deletes the indicator's previous row (UNIQUE id) and inserts it under the new sequence.
    private const string UpsertLatest = """
        INSERT OR REPLACE INTO indicators
            (seq, id, origin_nation, origin_node, type, value, version, revoked, tlp, sectors, modified_us, search_text, imported)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
        """;

    private const string InsertEvidence = """
        INSERT INTO quarantined_versions (indicator_id, version, leaf_digest, reason, body, relay_path, received_us)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6) ON CONFLICT DO NOTHING
        """;

    private const string InsertQuarantine =
        "INSERT INTO quarantine (indicator_id, reason, version, since_us) VALUES ($p0, $p1, $p2, $p3) ON CONFLICT DO NOTHING";

    private const string InsertReview =
        "INSERT INTO warning_reviews (indicator_id, version, state, reviewer, note, at_us) VALUES ($p0, $p1, $p2, $p3, $p4, $p5)";

    private const string InsertPromotion =
        "INSERT INTO import_promotions (indicator_id, version, promoted_by, note, at_us) VALUES ($p0, $p1, $p2, $p3, $p4)";

    private const string InsertIdempotency =
        "INSERT OR REPLACE INTO idempotency (key, request_hash, response, expires_us) VALUES ($p0, $p1, $p2, $p3)";

    private readonly RawStatement _insertVersion;
    private readonly RawStatement _upsertLatest;
    private readonly ValueIndex _valueIndex;

    private readonly TimeProvider _time;

    public SqliteWriteTransaction(SqliteConnection connection, ulong lastSequence, ValueIndex valueIndex, TimeProvider time)
        : base(connection, valueIndex.Current)
    {
        _time = time;
        LastSequence = lastSequence;
        _valueIndex = valueIndex;
        _insertVersion = new RawStatement(connection, InsertVersion);
        _upsertLatest = new RawStatement(connection, UpsertLatest);
    }

    public ulong LastSequence { get; private set; }

    public ulong Append(Indicator version, ReceivedCopy? received = null)
    {
        var sequence = LastSequence + 1;
        var id = version.Id;
        _insertVersion.Bind(1, (long)sequence).Bind(2, id).Bind(3, (long)version.Version).Bind(4, version.ToByteArray())
            .Bind(5, IndicatorColumns.Encoding(version)).Bind(6, RelayPathColumn.Write(received?.RelayPath)).Bind(7, received?.LeafDigest ?? [])
            .Bind(8, StoreTime.ToUnixMicroseconds(_time.GetUtcNow()))
            .Execute();
        _upsertLatest
            .Bind(1, (long)sequence).Bind(2, id).Bind(3, version.Origin.Nation).Bind(4, version.Origin.NodeId)
            .Bind(5, (long)version.Type).Bind(6, version.Value).Bind(7, (long)version.Version).Bind(8, version.Revoked ? 1L : 0L)
            .Bind(9, (long)version.Tlp).Bind(10, IndicatorColumns.SectorMask(version.Sectors))
            .Bind(11, version.Modified is null ? 0L : StoreTime.ToUnixMicroseconds(version.Modified.Seconds, version.Modified.Nanos))
            .Bind(12, IndicatorColumns.SearchText(version)).Bind(13, version.Imported is null ? 0L : 1L)
            .Execute();
        UpdateValueIndex(version, (long)sequence);
        LastSequence = sequence;
        return sequence;
    }

    /// <summary>The row moved to the new sequence; the REPLACE above deleted the indicator's previous row.</summary>
    private void UpdateValueIndex(Indicator version, long sequence)
    {
        var key = ValueIndex.Key(version.Type, version.Value);
        var previous = _valueIndex.Current(key);
        _valueIndex.Set(key, previous.Length == 0 ? [sequence] : [.. previous.Where(IsLatest), sequence]);
    }

    public void Begin() => Execute("BEGIN IMMEDIATE");

    public WorkMark BeginWork()
    {
        Execute("SAVEPOINT work");
        return new WorkMark(LastSequence, _valueIndex.Savepoint());
    }

    public void EndWork() => Execute("RELEASE work");

    public void UndoWork(WorkMark mark)
    {
        Execute("ROLLBACK TO work");
        Execute("RELEASE work");
        LastSequence = mark.Sequence;
        _valueIndex.RollbackTo(mark.Position);
    }

    public void Commit()
    {
        Execute("COMMIT");
        _valueIndex.Commit();
    }

    public void Rollback(ulong lastCommitted)
    {
        LastSequence = lastCommitted;
        _valueIndex.Rollback();
        try
        {
            Execute("ROLLBACK");
        }
#pragma warning disable CA1031 // After an I/O error SQLite has rolled back already; nothing more to undo.
        catch (SqliteException)
#pragma warning restore CA1031
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        _insertVersion.Dispose();
        _upsertLatest.Dispose();
        base.Dispose(disposing);
    }

    public void Quarantine(QuarantinedVersion evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var version = evidence.Version;
        var receivedUs = StoreTime.ToUnixMicroseconds(evidence.ReceivedAt);
        Command(InsertEvidence, version.Id, (long)version.Version, evidence.LeafDigest, (long)evidence.Reason, version.ToByteArray(),
            RelayPathColumn.Write(evidence.RelayPath), receivedUs).ExecuteNonQuery();
        Command(InsertQuarantine, version.Id, (long)evidence.Reason, (long)version.Version, receivedUs).ExecuteNonQuery();
    }

    public void SetWarning(string indicatorId, WarningFlag flag) =>
        Command("INSERT OR REPLACE INTO warning_flags (indicator_id, state, flag) VALUES ($p0, $p1, $p2)", indicatorId, (long)flag.State, flag.ToByteArray())
            .ExecuteNonQuery();

    public void ClearWarning(string indicatorId) => Command("DELETE FROM warning_flags WHERE indicator_id = $p0", indicatorId).ExecuteNonQuery();

    public void RecordWarningReview(WarningReviewRecord review)
    {
        ArgumentNullException.ThrowIfNull(review);
        Command(InsertReview, review.IndicatorId, (long)review.Version, (long)review.State, review.Reviewer, review.Note, StoreTime.ToUnixMicroseconds(review.At))
            .ExecuteNonQuery();
    }

    public void RecordImportPromotion(ImportPromotionRecord promotion)
    {
        ArgumentNullException.ThrowIfNull(promotion);
        Command(InsertPromotion, promotion.IndicatorId, (long)promotion.Version, promotion.PromotedBy, promotion.Note, StoreTime.ToUnixMicroseconds(promotion.At))
            .ExecuteNonQuery();
    }

    public void SaveIdempotency(IdempotencyRecord record) =>
        Command(InsertIdempotency, record.Key, record.RequestHash, record.Response, StoreTime.ToUnixMicroseconds(record.ExpiresAt)).ExecuteNonQuery();

    public int DeleteExpiredIdempotency(DateTimeOffset now) =>
        Command("DELETE FROM idempotency WHERE expires_us < $p0", StoreTime.ToUnixMicroseconds(now)).ExecuteNonQuery();

    public void Execute(string sql) => Command(sql).ExecuteNonQuery();
}
