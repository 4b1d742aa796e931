namespace CyberPledge.Storage;

/// <summary>
/// How stores keep times in integer columns: microseconds since the Unix epoch (UTC), the
/// precision PostgreSQL's timestamps have too. One conversion for every store, so a time
/// written and a time compared with it in a query are rounded the same way (down).
/// </summary>
public static class StoreTime
{
    /// <summary>Microseconds since the Unix epoch, rounded down (towards the past, before 1970 too).</summary>
    public static long ToUnixMicroseconds(DateTimeOffset time)
    {
        var (quotient, remainder) = Math.DivRem(time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, TimeSpan.TicksPerMicrosecond);
        return remainder < 0 ? quotient - 1 : quotient;
    }

    /// <summary>
    /// Microseconds since the Unix epoch of a time given as whole seconds since the epoch and
    /// nanoseconds within that second (0 to 999,999,999), as google.protobuf.Timestamp carries it.
    /// </summary>
    public static long ToUnixMicroseconds(long seconds, int nanos) => (seconds * 1_000_000) + (nanos / 1000);

    /// <summary>The time <paramref name="microseconds"/> after the Unix epoch, in UTC.</summary>
    public static DateTimeOffset FromUnixMicroseconds(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
