using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Links;

/// <summary>
/// The per-origin quotas (SECURITY.md rule 7): versions and bytes per second of one origin nation, shared by every
/// link that carries its versions, so a flood from one origin is slowed however many relays carry it. Only versions
/// whose signature verified against the origin's pinned key are counted, so a link cannot spend another origin's
/// quota with forgeries; origins are registry nations, so the set is bounded.
/// </summary>
internal sealed class OriginQuotas(IOptions<InboundLinkOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (FlowQuota Versions, FlowQuota Bytes)> _origins = new(StringComparer.Ordinal);

    /// <summary>Waits until <paramref name="origin"/>'s quotas cover <paramref name="versions"/> versions of <paramref name="bytes"/> bytes.</summary>
    public Task TakeAsync(string origin, int versions, long bytes, CancellationToken cancellationToken)
    {
        var (versionQuota, byteQuota) = _origins.GetOrAdd(origin, _ =>
            (new FlowQuota(options.Value.OriginVersionsPerSecond, time), new FlowQuota(options.Value.OriginBytesPerSecond, time)));
        // Both are reserved at once: the wait is the longer of the two, not their sum.
        var wait = Max(versionQuota.Reserve(versions), byteQuota.Reserve(bytes));
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>The longer of two waits.</summary>
    public static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
