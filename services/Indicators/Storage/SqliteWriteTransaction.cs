using CyberPledge.Indicators.Validation;
using CyberPledge.V1;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The writer connection's statements. Sequence numbers are handed out here, by the only
/// writer, so they are gap-free within a commit and increase with commit order.
/// </summary>
internal sealed class SqliteWriteTransaction : SqliteLookup, IIndicatorWriteTransaction
{
    private const string InsertVersion =
        "INSERT INTO versions (seq, indicator_id, version, body) VALUES (?1, ?2, ?3, ?4)";

    // INSERT OR REPLACE deletes the indicator's previous row (UNIQUE id) and inserts it under the new sequence.
    private const string UpsertLatest = """
        INSERT OR REPLACE INTO indicators
            (seq, id, origin_nation, origin_node, type, value, version, revoked, tlp, sectors, modified_us, search_text)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
        """;

    private const string InsertIdempotency =
        "INSERT OR REPLACE INTO idempotency (key, request_hash, response, expires_us) VALUES ($p0, $p1, $p2, $p3)";

    private readonly RawStatement _insertVersion;
    private readonly RawStatement _upsertLatest;

    public SqliteWriteTransaction(SqliteConnection connection, ulong lastSequence)
        : base(connection)
    {
        LastSequence = lastSequence;
        _insertVersion = new RawStatement(connection, InsertVersion);
        _upsertLatest = new RawStatement(connection, UpsertLatest);
    }

    public ulong LastSequence { get; private set; }

    public ulong Append(Indicator version)
    {
        var sequence = LastSequence + 1;
        var id = version.Id;
        _insertVersion.Bind(1, (long)sequence).Bind(2, id).Bind(3, (long)version.Version).Bind(4, version.ToByteArray()).Execute();
        _upsertLatest
            .Bind(1, (long)sequence).Bind(2, id).Bind(3, version.Origin.Nation).Bind(4, version.Origin.NodeId)
            .Bind(5, (long)version.Type).Bind(6, version.Value).Bind(7, (long)version.Version).Bind(8, version.Revoked ? 1L : 0L)
            .Bind(9, (long)version.Tlp).Bind(10, IndicatorColumns.SectorMask(version.Sectors))
            .Bind(11, version.Modified is null ? 0L : Timestamps.ToUnixMicroseconds(version.Modified))
            .Bind(12, IndicatorColumns.SearchText(version))
            .Execute();
        LastSequence = sequence;
        return sequence;
    }

    protected override void Dispose(bool disposing)
    {
        _insertVersion.Dispose();
        _upsertLatest.Dispose();
        base.Dispose(disposing);
    }

    public void SaveIdempotency(IdempotencyRecord record) =>
        Command(InsertIdempotency, record.Key, record.RequestHash, record.Response, ToUnixMicroseconds(record.ExpiresAt)).ExecuteNonQuery();

    public int DeleteExpiredIdempotency(DateTimeOffset now) =>
        Command("DELETE FROM idempotency WHERE expires_us < $p0", ToUnixMicroseconds(now)).ExecuteNonQuery();

    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

    /// <summary>Forgets sequences handed out in a transaction that was rolled back.</summary>
    public void ResetSequence(ulong lastCommitted) => LastSequence = lastCommitted;

    private static long ToUnixMicroseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks / 10;
}
