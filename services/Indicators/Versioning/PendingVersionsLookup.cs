using CyberPledge.V1;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// Committed data plus the versions planned earlier in the same batch, so that a batch that
/// names one indicator twice plans the second change on top of the first.
/// </summary>
internal sealed class PendingVersionsLookup(IIndicatorLookup committed) : IIndicatorLookup
{
    private readonly Dictionary<string, Indicator> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(IndicatorType, string), Indicator> _byValue = [];

    public void Add(Indicator version)
    {
        _byId[version.Id] = version;
        _byValue[(version.Type, version.Value)] = version;
    }

    public StoredIndicator? FindById(string id) =>
        _byId.TryGetValue(id, out var pending) ? new StoredIndicator(pending, 0) : committed.FindById(id);

    public StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value) =>
        _byValue.TryGetValue((type, value), out var pending) && Validation.OriginRules.SameOrigin(pending.Origin, origin)
            ? new StoredIndicator(pending, 0)
            : committed.FindByValue(origin, type, value);

    public IdempotencyRecord? FindIdempotency(string key) => committed.FindIdempotency(key);
}
