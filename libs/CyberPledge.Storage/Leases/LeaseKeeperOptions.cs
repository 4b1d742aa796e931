namespace CyberPledge.Storage.Leases;

/// <summary>
/// One lease and its timing: <see cref="TimeToLive"/> is how long a renewal holds it (the owner renews every third of
/// it), <see cref="Margin"/> how long before the last renewal runs out the owner stops its work on its own, and
/// <see cref="Retry"/> how often a replica without the lease asks for it. With the defaults a lease whose owner died
/// moves within about 4 seconds (its time to live plus at most one retry).
/// </summary>
public sealed record LeaseKeeperOptions(string Name, string Owner)
{
    public TimeSpan TimeToLive { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan Margin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan Retry { get; init; } = TimeSpan.FromSeconds(1);
}
