namespace CyberPledge.Indicators.Feed;

/// <summary>
/// The highest committed sequence, and a way to wait for a higher one. Watchers read the
/// store, then wait here: a commit between the two is seen by the check before waiting.
/// </summary>
internal sealed class ChangeSignal
{
    private long _lastSequence;
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ulong LastSequence => (ulong)Volatile.Read(ref _lastSequence);

    public void Publish(ulong lastSequence)
    {
        Volatile.Write(ref _lastSequence, (long)lastSequence);
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }

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
