using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>Point lookups of latest versions, inside a write transaction or on committed data.</summary>
public interface IIndicatorLookup
{
    /// <summary>The latest version of the indicator with this id.</summary>
    StoredIndicator? FindById(string id);

    /// <summary>The latest version of the origin's indicator with this type and normalized value (the dedup key).</summary>
    StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value);

    /// <summary>The stored answer to an earlier request with this idempotency key, if still kept.</summary>
    IdempotencyRecord? FindIdempotency(string key);
}
