using CyberPledge.V1;

namespace CyberPledge.Indicators.Versioning;

/// <summary>
/// Committed data, fetched for a whole batch in one lookup, plus the versions planned
/// earlier in the same batch, so that a batch that names one indicator twice plans the
/// second change on top of the first.
/// </summary>
internal sealed class PendingVersionsLookup : IIndicatorLookup
{
    private readonly IIndicatorLookup _committed;
    private readonly Origin _origin;
    private readonly IReadOnlyDictionary<(IndicatorType, string), StoredIndicator> _prefetched;
    private readonly Dictionary<string, Indicator> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(IndicatorType, string), Indicator> _byValue = [];

    public PendingVersionsLookup(IIndicatorLookup committed, Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys)
    {
        _committed = committed;
        _origin = origin;
        _prefetched = committed.FindManyByValue(origin, keys);
    }

    public void Add(Indicator version)
    {
        _byId[version.Id] = version;
        _byValue[(version.Type, version.Value)] = version;
    }

    public StoredIndicator? FindById(string id) =>
        _byId.TryGetValue(id, out var pending) ? new StoredIndicator(pending, 0) : _committed.FindById(id);

    public StoredIndicator? FindByValue(Origin origin, IndicatorType type, string value)
    {
        if (!Validation.OriginRules.SameOrigin(origin, _origin))
        {
            return _committed.FindByValue(origin, type, value);
        }

        if (_byValue.TryGetValue((type, value), out var pending))
        {
            return new StoredIndicator(pending, 0);
        }

        return _prefetched.GetValueOrDefault((type, value));
    }

    // The remaining lookups are not used while planning; they see committed data only.
    public IReadOnlyDictionary<(IndicatorType Type, string Value), StoredIndicator> FindManyByValue(
        Origin origin, IReadOnlyCollection<(IndicatorType Type, string Value)> keys) => _committed.FindManyByValue(origin, keys);

    public IndicatorHead? FindHeadById(string id) => _committed.FindHeadById(id);

    public IndicatorHead? FindHeadByValue(Origin origin, IndicatorType type, string value) => _committed.FindHeadByValue(origin, type, value);

    public byte[]? FindLeafDigest(string id, ulong version) => _committed.FindLeafDigest(id, version);

    public IReadOnlyList<QuarantinedVersion> FindQuarantinedVersions(string id) => _committed.FindQuarantinedVersions(id);

    public IReadOnlyList<WarningReviewRecord> FindWarningReviews(string id) => _committed.FindWarningReviews(id);

    public IReadOnlyList<ImportPromotionRecord> FindImportPromotions(string id) => _committed.FindImportPromotions(id);

    public IdempotencyRecord? FindIdempotency(string key) => _committed.FindIdempotency(key);
}
