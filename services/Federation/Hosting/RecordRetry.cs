namespace CyberPledge.Federation.Hosting;

/// <summary>
/// How the share audit and the link audit ship a batch to Partners: again and again, with a doubling delay from
/// <see cref="FirstRetry"/> up to <see cref="LongestRetry"/>, until it is recorded or the service stops. Nothing
/// queued for the audit is dropped because Partners was briefly away.
/// </summary>
internal static class RecordRetry
{
    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    public static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="write"/> until it succeeds; <paramref name="failed"/> hears each failure and the delay before the next try.</summary>
    public static async Task UntilRecordedAsync(
        Func<CancellationToken, Task> write, Action<Exception, TimeSpan> failed, TimeProvider time, CancellationToken stoppingToken)
    {
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                await write(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failed(e, retry);
                await Task.Delay(retry, time, stoppingToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LongestRetry.Ticks));
            }
        }
    }
}
