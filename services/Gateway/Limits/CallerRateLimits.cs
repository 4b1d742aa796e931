using System.Threading.RateLimiting;
using CyberPledge.Gateway.Callers;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Limits;

/// <summary>
/// A token bucket per caller (each peer node, partner identity, user, anonymous address), sized by the caller's kind.
/// A caller over its rate is answered RESOURCE_EXHAUSTED with a retry hint; the others are not affected.
/// </summary>
internal sealed class CallerRateLimits : IDisposable
{
    // The partitioned limiter refills its buckets on a 100 ms heartbeat.
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly GatewayRateLimitOptions _options;
    private readonly PartitionedRateLimiter<GatewayCaller> _limiter;

    public CallerRateLimits(IOptions<GatewayOptions> options)
    {
        _options = options.Value.RateLimits;
        _limiter = PartitionedRateLimiter.Create<GatewayCaller, string>(caller =>
            RateLimitPartition.GetTokenBucketLimiter(caller.Key, _ => BucketFor(BucketOptionsFor(caller.Kind))));
    }

    /// <summary>Takes one call from the caller's bucket; false with how long to wait when it is empty.</summary>
    public bool TryAcquire(GatewayCaller caller, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(caller);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        var bucket = BucketOptionsFor(caller.Kind);
        var oneToken = TimeSpan.FromSeconds(1.0 / bucket.PermitsPerSecond);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var hinted) && hinted > oneToken ? hinted : oneToken;
        if (retryAfter < Period)
        {
            retryAfter = Period;
        }

        return false;
    }

    public void Dispose() => _limiter.Dispose();

    private TokenBucketOptions BucketOptionsFor(CallerKind kind) => kind switch
    {
        CallerKind.Peer => _options.Peer,
        CallerKind.Partner => _options.Partner,
        CallerKind.User => _options.User,
        _ => _options.Anonymous,
    };

    private static TokenBucketRateLimiterOptions BucketFor(TokenBucketOptions bucket) => new()
    {
        TokenLimit = bucket.Burst,
        TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(bucket.PermitsPerSecond * Period.TotalSeconds)),
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}
