namespace CyberPledge.Storage.Leases;

/// <summary>
/// Leases in a service's database (DESIGN.md "Beyond one machine"): work that must happen once per node is owned by one
/// replica at a time. A lease is taken when free or expired (its fencing number then rises by one) and renewed by its
/// owner (the number stays); it moves to another replica once its owner stops renewing it.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="owner"/> when it is free or expired, or renews it when
    /// <paramref name="owner"/> holds it, for <paramref name="ttl"/>; null when another owner holds it.
    /// </summary>
    Task<LeaseGrant?> AcquireOrRenewAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Gives the lease up at once if <paramref name="grant"/> is still how it is held, so another replica may take it.</summary>
    Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken);

    /// <summary>The lease as it is held now (expired or not); null when it was never taken.</summary>
    Task<LeaseGrant?> ReadAsync(string name, CancellationToken cancellationToken);
}
