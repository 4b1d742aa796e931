using Microsoft.Extensions.Logging;

namespace CyberPledge.Storage.Leases;

/// <summary>
/// Runs one piece of once-per-node work on whichever replica holds its lease (DESIGN.md "Beyond one machine"): tries to
/// take the lease every <see cref="LeaseKeeperOptions.Retry"/>, renews it every third of its time to live while it
/// holds it, and runs the work with a token that is cancelled the moment the lease may be lost: when a renewal is
/// refused, or when renewals failed until the time the last successful one bought (measured on this replica's clock
/// from before that renewal was sent, so never later than the database's expiry) is nearly spent. The work also gets
/// the lease's fencing number to send with its writes (<see cref="Fences"/>), which is what makes a stale owner harmless.
/// </summary>
public sealed partial class LeaseKeeper(ILeaseStore store, LeaseKeeperOptions options, TimeProvider time, ILogger<LeaseKeeper> logger)
{
    private LeaseGrant? _held;

    /// <summary>The lease while this replica holds it; null otherwise.</summary>
    public LeaseGrant? Held => Volatile.Read(ref _held);

    /// <summary>Until <paramref name="cancellationToken"/> ends: owns the lease when it can and runs <paramref name="work"/> while it does.</summary>
    public async Task RunAsync(Func<LeaseGrant, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await KeepAsync(work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task KeepAsync(Func<LeaseGrant, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var attempt = await TryTakeAsync(cancellationToken).ConfigureAwait(false);
            if (attempt.Grant is not { } grant)
            {
                await DelayAsync(options.Retry, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await OwnAsync(grant, attempt.SentAt, work, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OwnAsync(LeaseGrant grant, long sentAt, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        LogAcquired(logger, grant.Name, grant.Owner, grant.Fencing);
        Volatile.Write(ref _held, grant);
        using var owned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = RunWorkAsync(grant, work, owned.Token);
        var validUntil = sentAt + Ticks(options.TimeToLive - options.Margin);
        try
        {
            while (!owned.IsCancellationRequested && !running.IsCompleted)
            {
                var wait = Math.Min(Ticks(options.TimeToLive / 3), Math.Max(0, validUntil - time.GetTimestamp()));
                await Task.WhenAny(running, Task.Delay(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / time.TimestampFrequency)), time, cancellationToken)).ConfigureAwait(false);
                if (running.IsCompleted || cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var renewal = await TryTakeAsync(cancellationToken).ConfigureAwait(false);
                if (renewal.Grant?.Fencing == grant.Fencing)
                {
                    validUntil = renewal.SentAt + Ticks(options.TimeToLive - options.Margin);
                }
                else if (renewal.Answered || time.GetTimestamp() >= validUntil)
                {
                    // Refused (another owner, or the lease expired and was taken anew) or no longer sure: stop at once.
                    LogLost(logger, grant.Name, grant.Owner, grant.Fencing);
                    break;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _held, null);
            await owned.CancelAsync().ConfigureAwait(false);
            await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the lease over now rather than when it expires.
                await ReleaseQuietlyAsync(grant).ConfigureAwait(false);
            }
        }
    }

    private async Task RunWorkAsync(LeaseGrant grant, Func<LeaseGrant, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await work(grant, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWorkFailed(logger, e, grant.Name);
        }
    }

    /// <summary>
    /// One ask: the lease (with when the ask was sent), or a refusal (answered, no grant: another owner holds it), or no
    /// answer (the store could not be asked).
    /// </summary>
    private async Task<(LeaseGrant? Grant, bool Answered, long SentAt)> TryTakeAsync(CancellationToken cancellationToken)
    {
        var sentAt = time.GetTimestamp();
        try
        {
            var grant = await store.AcquireOrRenewAsync(options.Name, options.Owner, options.TimeToLive, cancellationToken).ConfigureAwait(false);
            return (grant, true, sentAt);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogStoreFailed(logger, e, options.Name);
            return (null, false, sentAt);
        }
    }

    private async Task ReleaseQuietlyAsync(LeaseGrant grant)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await store.ReleaseAsync(grant, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogStoreFailed(logger, e, grant.Name);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private long Ticks(TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Lease {Name} taken by {Owner}, fencing {Fencing}")]
    private static partial void LogAcquired(ILogger logger, string name, string owner, long fencing);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Lease {Name} lost by {Owner} (fencing {Fencing}): its work stops")]
    private static partial void LogLost(ILogger logger, string name, string owner, long fencing);

    [LoggerMessage(EventId = 302, Level = LogLevel.Warning, Message = "Lease {Name}: the lease store could not be asked")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string name);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "Lease {Name}: its work failed; it runs again while the lease is held")]
    private static partial void LogWorkFailed(ILogger logger, Exception exception, string name);
}
