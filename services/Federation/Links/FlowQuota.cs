namespace CyberPledge.Federation.Links;

/// <summary>
/// A rate as back-pressure (SECURITY.md rule 7): a token bucket holding at most one second's worth, where a taker
/// reserves what it needs at once, going into debt, and then waits until the debt is paid. Takers are served in the
/// order they reserved, an amount larger than the bucket is simply a longer wait, and nothing is ever refused, so a
/// catch-up burst is slowed, not cut. Safe to share between links (the per-origin quotas are).
/// </summary>
internal sealed class FlowQuota
{
    private readonly Lock _lock = new();
    private readonly double _perSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private DateTimeOffset _refilled;

    /// <summary>A quota of <paramref name="perSecond"/>, on <paramref name="time"/>; the bucket starts full (one second's worth).</summary>
    public FlowQuota(long perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        _perSecond = perSecond;
        _time = time;
        _tokens = perSecond;
        _refilled = time.GetUtcNow();
    }

    /// <summary>Takes <paramref name="amount"/>: how long the taker must wait before going on (zero when covered).</summary>
    public TimeSpan Reserve(long amount)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var elapsed = Math.Max(0, (now - _refilled).TotalSeconds);
            _refilled = now;
            _tokens = Math.Min(_perSecond, _tokens + (elapsed * _perSecond)) - amount;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
        }
    }
}
