namespace CyberPledge.Storage;

/// <summary>
/// The highest committed sequence, and a way to wait for a higher one. Watchers read the
/// store, then wait here: a commit between the two is seen by the check before waiting.
/// </summary>
public sealed class ChangeSignal
{
    private long _lastSequence;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The highest sequence published so far (0 before any).</summary>
    public ulong LastSequence => (ulong)Volatile.Read(ref _lastSequence);

    /// <summary>
    /// Raises the highest committed sequence and wakes the waiters; a lower or equal one is
    /// ignored, because two sources may report (a store's own writer, and another replica's
    /// commits heard from the database) in either order.
    /// </summary>
    public void Publish(ulong lastSequence)
    {
        long current;
        do
        {
            current = Volatile.Read(ref _lastSequence);
            if ((ulong)current >= lastSequence)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _lastSequence, (long)lastSequence, current) != current);

        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

    /// <summary>Completes once a sequence above <paramref name="afterSequence"/> is published (at once if one already is).</summary>
    public async Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = Volatile.Read(ref _next);
            if (LastSequence > afterSequence)
            {
                return;
            }

            await next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
