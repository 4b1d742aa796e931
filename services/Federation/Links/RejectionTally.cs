namespace CyberPledge.Federation.Links;

/// <summary>
/// A link's rejections (SECURITY.md rule 7): counted by reason per window for one aggregate log line, never one line
/// per version; <see cref="LimitReached"/> once the limit is reached within a window, which cuts the link.
/// </summary>
internal sealed class RejectionTally(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Dictionary<RejectionReason, int> _byReason = [];
    private DateTimeOffset _windowStart;

    public bool LimitReached { get; private set; }

    public void Add(RejectionReason reason, DateTimeOffset now)
    {
        if (_byReason.Count == 0)
        {
            _windowStart = now;
        }

        _byReason[reason] = _byReason.GetValueOrDefault(reason) + 1;
        _recent.Enqueue(now);
        while (_recent.Count > 0 && now - _recent.Peek() > window)
        {
            _recent.Dequeue();
        }

        LimitReached |= _recent.Count >= limit;
    }

    /// <summary>The counts of the window that ended by <paramref name="now"/> (or of any window when <paramref name="force"/>), then a new window; null when there is nothing to report yet.</summary>
    public string? TakeSummary(DateTimeOffset now, bool force = false)
    {
        if (_byReason.Count == 0 || (!force && now - _windowStart < window))
        {
            return null;
        }

        var summary = string.Join(", ", _byReason.OrderBy(r => r.Key).Select(r => $"{r.Key}={r.Value}"));
        _byReason.Clear();
        return summary;
    }
}
