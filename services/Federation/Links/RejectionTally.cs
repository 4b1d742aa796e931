namespace CyberPledge.Federation.Links;

/// <summary>
/// A link's rejections (SECURITY.md rule 7): counted by reason per window for one aggregate log line and audit record,
/// never one per version; <see cref="LimitReached"/> once the limit is reached within a window, which cuts the link.
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
    public RejectionSummary? TakeSummary(DateTimeOffset now, bool force = false)
    {
        if (_byReason.Count == 0 || (!force && now - _windowStart < window))
        {
            return null;
        }

        var summary = new RejectionSummary(_windowStart, now, [.. _byReason.OrderBy(r => r.Key)]);
        _byReason.Clear();
        return summary;
    }
}

/// <summary>One window's rejections on a link, by reason.</summary>
internal sealed record RejectionSummary(DateTimeOffset WindowStart, DateTimeOffset At, IReadOnlyList<KeyValuePair<RejectionReason, int>> Counts)
{
    /// <summary>"BadSignature=3, UnknownOrigin=1", as the aggregate log line says it.</summary>
    public override string ToString() => string.Join(", ", Counts.Select(c => $"{c.Key}={c.Value}"));
}
