namespace CyberPledge.Storage.Leases;

internal static class LeaseNames
{
    public static void Check(string name, string owner, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThan(ttl, TimeSpan.FromMilliseconds(100));
    }
}
