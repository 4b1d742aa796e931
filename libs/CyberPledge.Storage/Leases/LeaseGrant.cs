namespace CyberPledge.Storage.Leases;

/// <summary>
/// A lease as its owner holds it: the work it names, the owner (one replica), the fencing number (raised each time the
/// lease changes hands, so a write carrying an older number is known to come from a stale owner), and when it runs out
/// unless renewed (the database's clock on PostgreSQL).
/// </summary>
public sealed record LeaseGrant(string Name, string Owner, long Fencing, DateTimeOffset ExpiresAt);
