using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>Point lookups of latest versions, inside a write transaction or on committed data.</summary>
public interface IIndicatorLookup
{
    /// <summary>The latest version of the indicator with this id.</summary>
    StoredIndicator? FindById(string id);

    /// <summary>
    /// The latest version of the origin's indicator with this type and normalized value (the dedup key). Imported
    /// indicators are keyed by (source, STIX id) instead and never found here (SECURITY.md rule 2), nor by the other value lookups.
    /// </summary>
    StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value);

    /// <summary>Latest versions of the origin's indicators with these types and values, in one round trip.</summary>
    IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys);

    /// <summary>Id, latest version and sequence of the indicator with this id, without reading its body.</summary>
    IndicatorHead? FindHeadById(string id);

    /// <summary>Id, latest version and sequence of the origin's indicator with this type and value, without reading its body.</summary>
    IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value);

    /// <summary>The leaf digest of a stored version of the indicator (any, not only the latest); null when that version is not stored.</summary>
    byte[]? FindLeafDigest(string id, ulong version);

    /// <summary>The versions of the indicator kept as quarantine evidence, in the order they were received.</summary>
    IReadOnlyList<QuarantinedVersion> FindQuarantinedVersions(string id);

    /// <summary>The reviews of the indicator's warning flags, oldest first.</summary>
    IReadOnlyList<WarningReviewRecord> FindWarningReviews(string id);

    /// <summary>The promotions of the imported indicator (PromoteImported), oldest first.</summary>
    IReadOnlyList<ImportPromotionRecord> FindImportPromotions(string id);

    /// <summary>The stored answer to an earlier request with this idempotency key, if still kept.</summary>
    IdempotencyRecord? FindIdempotency(string key);
}
