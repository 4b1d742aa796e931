using System.Threading.Channels;
using CyberPledge.Federation.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Serving.Audit;

/// <summary>
/// The share audit (OPA's decision log shape): streams hand each decision over without waiting, and this service
/// ships them to <see cref="IShareAuditSink"/> in batches of up to <see cref="BatchSize"/> or every
/// <see cref="BatchWindow"/>, retrying a failed batch with backoff until it is recorded. Nothing is dropped silently:
/// past <see cref="Capacity"/> waiting decisions, the excess is counted and logged as an error.
/// </summary>
internal sealed partial class ShareAudit(IShareAuditSink sink, TimeProvider time, ILogger<ShareAudit> logger) : BackgroundService
{
    public const int BatchSize = 1000;
    public const int Capacity = 1_000_000;
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);

    private readonly Channel<ServedDecision> _queue = Channel.CreateBounded<ServedDecision>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _overflow;

    /// <summary>Queues one decision; never waits.</summary>
    public void Record(ServedDecision decision)
    {
        if (!_queue.Writer.TryWrite(decision))
        {
            Interlocked.Increment(ref _overflow);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<ServedDecision>(BatchSize);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await FillAsync(batch, stoppingToken).ConfigureAwait(false);
                await WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: one last attempt for what is waiting, then say what is left.
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var decision))
            {
                batch.Add(decision);
            }

            await TryLastWriteAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task FillAsync(List<ServedDecision> batch, CancellationToken stoppingToken)
    {
        using var window = new CancellationTokenSource(BatchWindow, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, window.Token);
        try
        {
            while (batch.Count < BatchSize)
            {
                if (_queue.Reader.TryRead(out var decision))
                {
                    batch.Add(decision);
                }
                else if (!await _queue.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The window closed: ship what there is.
        }
    }

    private async Task WriteAsync(List<ServedDecision> batch, CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _overflow, 0) is var lost and > 0)
        {
            LogOverflow(logger, lost);
        }

        await RecordRetry.UntilRecordedAsync(
            token => sink.WriteAsync(batch, token),
            (e, retry) => LogWriteFailed(logger, batch.Count, e.Message, retry.TotalMilliseconds),
            time,
            stoppingToken).ConfigureAwait(false);
    }

    private async Task TryLastWriteAsync(List<ServedDecision> batch)
    {
        var left = batch.Count + _queue.Reader.Count;
        try
        {
            if (batch.Count > 0)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await sink.WriteAsync(batch, timeout.Token).ConfigureAwait(false);
                left -= batch.Count;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogWriteFailed(logger, batch.Count, e.Message, 0);
        }

        if (left > 0)
        {
            LogLeftAtShutdown(logger, left);
        }
    }

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Recording {Count} share decisions failed ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason, double delayMs);

    [LoggerMessage(EventId = 131, Level = LogLevel.Error, Message = "{Count} share decisions were not recorded: the audit queue was full")]
    private static partial void LogOverflow(ILogger logger, long count);

    [LoggerMessage(EventId = 132, Level = LogLevel.Error, Message = "{Count} share decisions were not recorded: the service stopped before Partners took them")]
    private static partial void LogLeftAtShutdown(ILogger logger, int count);
}
