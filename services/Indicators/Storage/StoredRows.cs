using System.Data.Common;
using CyberPledge.Signing;
using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// What every read of versions selects, on both stores, and how a row becomes a <see cref="StoredIndicator"/>: the
/// version, its relay path, its indicator's quarantine and warning flag (LEFT JOINs: those tables are empty but for
/// quarantined and flagged indicators).
/// </summary>
internal static class StoredRows
{
    /// <summary>The columns, with <c>v</c> the versions table and <c>q</c> the quarantine table.</summary>
    public const string Columns = "v.seq, v.body, v.relay_path, q.reason, q.version, q.since_us, w.flag, v.version, v.stored_us";

    /// <summary>
    /// The version number a removal is stored under in <c>versions</c> (versions start at 1): its body is the last version
    /// the node stored. One per indicator at a time; the unique (indicator, version) key stays as it is.
    /// </summary>
    public const long RemovalVersion = 0;

    /// <summary>Versions with their quarantine and warning flag, for a FROM clause.</summary>
    public const string Versions = "versions v LEFT JOIN quarantine q ON q.indicator_id = v.indicator_id LEFT JOIN warning_flags w ON w.indicator_id = v.indicator_id";

    /// <summary>
    /// What a read of the change feed selects: <see cref="Columns"/> and the sequence of the indicator's latest version
    /// as it stands (null once the indicator left the node), so a reader knows without another read whether a later
    /// version exists (TAXII's <c>match[version]=last</c>).
    /// </summary>
    public const string FeedColumns = Columns + ", i.seq";

    /// <summary><see cref="Versions"/> with <c>i</c> the indicators table, for <see cref="FeedColumns"/>.</summary>
    public const string FeedVersions = Versions + " LEFT JOIN indicators i ON i.id = v.indicator_id";

    /// <summary>Latest versions (<c>i</c> the indicators table) with their quarantine and warning flag, for a FROM clause.</summary>
    public const string Latest = "indicators i JOIN versions v ON v.seq = i.seq LEFT JOIN quarantine q ON q.indicator_id = i.id LEFT JOIN warning_flags w ON w.indicator_id = i.id";

    /// <summary>The columns <see cref="ReadLeafDigest"/> reads, from <c>versions</c>.</summary>
    public const string LeafDigestColumns = "leaf_digest, body";

    /// <summary>The columns <see cref="ReadEvidence"/> reads, from <c>quarantined_versions</c> (ordered by its id: as received).</summary>
    public const string EvidenceColumns = "body, reason, leaf_digest, relay_path, received_us";

    public static StoredIndicator Read(DbDataReader reader)
    {
        var indicator = Indicator.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1));
        if (!reader.IsDBNull(3))
        {
            indicator.Quarantine = new Quarantine
            {
                Reason = (QuarantineReason)reader.GetInt32(3),
                Version = (ulong)reader.GetInt64(4),
                Since = Timestamp.FromDateTimeOffset(StoreTime.FromUnixMicroseconds(reader.GetInt64(5))),
            };
        }

        if (!reader.IsDBNull(6))
        {
            indicator.Warning = WarningFlag.Parser.ParseFrom(reader.GetFieldValue<byte[]>(6));
        }

        return new StoredIndicator(indicator, (ulong)reader.GetInt64(0))
        {
            RelayPath = RelayPathColumn.Read(reader.GetFieldValue<byte[]>(2)),
            Removed = reader.GetInt64(7) == RemovalVersion,
            StoredAt = StoreTime.FromUnixMicroseconds(reader.GetInt64(8)),
            LatestSequence = reader.FieldCount > 9 && !reader.IsDBNull(9) ? (ulong)reader.GetInt64(9) : 0,
        };
    }

    /// <summary>Reads a <see cref="LeafDigestColumns"/> row: the stored digest, or (rows from before it was kept) the body's.</summary>
    public static byte[]? ReadLeafDigest(DbDataReader reader)
    {
        if (!reader.Read())
        {
            return null;
        }

        var digest = reader.GetFieldValue<byte[]>(0);
        return digest.Length > 0 ? digest : IndicatorCanonicalEncoding.LeafDigest(Indicator.Parser.ParseFrom(reader.GetFieldValue<byte[]>(1)));
    }

    /// <summary>The columns <see cref="ReadReviews"/> reads, from <c>warning_reviews</c> (ordered by its id: as recorded).</summary>
    public const string ReviewColumns = "indicator_id, version, state, reviewer, note, at_us";

    public static List<WarningReviewRecord> ReadReviews(DbDataReader reader)
    {
        var reviews = new List<WarningReviewRecord>();
        while (reader.Read())
        {
            reviews.Add(new WarningReviewRecord(reader.GetString(0), (ulong)reader.GetInt64(1), (WarningState)reader.GetInt32(2), reader.GetString(3),
                reader.GetString(4), StoreTime.FromUnixMicroseconds(reader.GetInt64(5))));
        }

        return reviews;
    }

    /// <summary>The columns <see cref="ReadPromotions"/> reads, from <c>import_promotions</c> (ordered by its id: as recorded).</summary>
    public const string PromotionColumns = "indicator_id, version, promoted_by, note, at_us";

    public static List<ImportPromotionRecord> ReadPromotions(DbDataReader reader)
    {
        var promotions = new List<ImportPromotionRecord>();
        while (reader.Read())
        {
            promotions.Add(new ImportPromotionRecord(reader.GetString(0), (ulong)reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                StoreTime.FromUnixMicroseconds(reader.GetInt64(4))));
        }

        return promotions;
    }

    public static List<QuarantinedVersion> ReadEvidence(DbDataReader reader)
    {
        var evidence = new List<QuarantinedVersion>();
        while (reader.Read())
        {
            evidence.Add(new QuarantinedVersion(
                Indicator.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)),
                (QuarantineReason)reader.GetInt32(1),
                reader.GetFieldValue<byte[]>(2),
                RelayPathColumn.Read(reader.GetFieldValue<byte[]>(3)),
                StoreTime.FromUnixMicroseconds(reader.GetInt64(4))));
        }

        return evidence;
    }
}
