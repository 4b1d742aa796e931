namespace CyberPledge.Federation.Serving;

/// <summary>
/// The one timer a stream waits on (the next release, checkpoint or agreement end), kept across waits while that
/// instant stays the same: a stream wakes for every event of the feed, and a new timer and token per wake cost more
/// than deciding most events. Without an instant it still ends the wait when the stream's token is cancelled.
/// </summary>
internal sealed class DueTimer(TimeProvider time, CancellationToken cancellationToken) : IDisposable
{
    private CancellationTokenSource? _cancel;
    private Task? _delay;
    private DateTimeOffset? _due;

    /// <summary>Completes at <paramref name="due"/> (never when null) or when the stream's token is cancelled.</summary>
    public Task At(DateTimeOffset? due)
    {
        if (_delay is { IsCompleted: false } && _due == due)
        {
            return _delay;
        }

        Stop();
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _due = due;
        var now = time.GetUtcNow();
        _delay = due is { } at
            ? Task.Delay(at > now ? at - now : TimeSpan.Zero, time, _cancel.Token)
            : Task.Delay(Timeout.Infinite, _cancel.Token);
        return _delay;
    }

    public void Dispose() => Stop();

    private void Stop()
    {
        _cancel?.Cancel();
        _cancel?.Dispose();
        _cancel = null;
        _delay = null;
    }
}
