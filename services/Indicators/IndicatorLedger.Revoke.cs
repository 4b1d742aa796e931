using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>
    /// Revokes one of this node's indicators: a new version, signed, with revoked = true.
    /// Revoking a revoked indicator changes nothing and returns its latest version.
    /// </summary>
    public async Task<Indicator> RevokeAsync(RevokeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequireId(request.Id);
        var now = _timeProvider.GetUtcNow();
        var current = await _store.GetAsync(id, 0, cancellationToken).ConfigureAwait(false);
        var planned = PlanRevocation(id, current, now);
        if (planned is not null)
        {
            _signingKey.Sign(planned);
        }

        return await _store.WriteAsync(transaction =>
        {
            var latest = transaction.FindById(id);
            var next = latest?.Indicator.Version == current?.Indicator.Version ? planned : PlanRevocation(id, latest, now);
            if (next is null)
            {
                return latest!.Indicator;
            }

            if (!ReferenceEquals(next, planned))
            {
                _signingKey.Sign(next);
            }

            transaction.Append(next);
            return next;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The revoking version to store, or null when already revoked.</summary>
    private Indicator? PlanRevocation(string id, StoredIndicator? current, DateTimeOffset now)
    {
        if (current is null)
        {
            throw NotFound(id);
        }

        if (!OriginRules.SameOrigin(current.Indicator.Origin, Self))
        {
            throw NotOurs(id, current.Indicator.Origin).ToException();
        }

        return current.Indicator.Revoked ? null : _versions.Revocation(current.Indicator, now);
    }
}
