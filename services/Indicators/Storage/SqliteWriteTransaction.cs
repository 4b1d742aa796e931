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
        "INSERT INTO versions (seq, indicator_id, version, body) VALUES ($p0, $p1, $p2, $p3)";

    // INSERT OR REPLACE deletes the indicator's previous row (UNIQUE id) and inserts it under the new sequence.
    private const string UpsertLatest = """
        INSERT OR REPLACE INTO indicators
            (seq, id, origin_nation, origin_node, type, value, version, revoked, tlp, sectors, modified_us, search_text)
        VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11)
        """;

    private const string InsertIdempotency =
        "INSERT OR REPLACE INTO idempotency (key, request_hash, response, expires_us) VALUES ($p0, $p1, $p2, $p3)";

    public SqliteWriteTransaction(SqliteConnection connection, ulong lastSequence)
        : base(connection) => LastSequence = lastSequence;

    public ulong LastSequence { get; private set; }

    public ulong Append(Indicator version)
    {
        var sequence = LastSequence + 1;
        var id = version.Id;
        Command(InsertVersion, (long)sequence, id, (long)version.Version, version.ToByteArray()).ExecuteNonQuery();
        Command(UpsertLatest,
            (long)sequence, id, version.Origin.Nation, version.Origin.NodeId, (long)version.Type, version.Value,
            (long)version.Version, version.Revoked ? 1L : 0L, (long)version.Tlp,
            IndicatorColumns.SectorMask(version.Sectors),
            version.Modified is null ? 0L : Timestamps.ToUnixMicroseconds(version.Modified),
            IndicatorColumns.SearchText(version)).ExecuteNonQuery();
        LastSequence = sequence;
        return sequence;
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
