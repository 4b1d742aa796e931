using System.Threading.Channels;
using CyberPledge.Federation.Hosting;
using CyberPledge.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Links.Audit;

/// <summary>
/// The link audit: links hand over their events (rejections per window, a cut) without waiting, and this service
/// ships them to <see cref="ILinkAuditSink"/> in batches every <see cref="BatchWindow"/>, retrying a failed batch
/// with backoff until it is recorded, like the share audit. Links make at most one rejection event per window, so
/// the queue stays small; past <see cref="Capacity"/> the excess is counted and logged as an error, never dropped
/// silently. An administrator's enable is recorded at once instead (<see cref="RecordNowAsync"/>).
/// </summary>
internal sealed partial class LinkAudit(ILinkAuditSink sink, TimeProvider time, ILogger<LinkAudit> logger) : BackgroundService
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan BatchWindow = TimeSpan.FromMilliseconds(500);

    private readonly Channel<LinkEvent> _queue = Channel.CreateBounded<LinkEvent>(new BoundedChannelOptions(Capacity) { SingleReader = true });
    private long _overflow;

    /// <summary>Queues one event; never waits.</summary>
    public void Record(LinkEvent linkEvent)
    {
        if (!_queue.Writer.TryWrite(linkEvent))
        {
            Interlocked.Increment(ref _overflow);
        }
    }

    /// <summary>Records one event before returning; throws when Partners did not take it.</summary>
    public Task RecordNowAsync(LinkEvent linkEvent, CancellationToken cancellationToken) => sink.WriteAsync([linkEvent], cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LinkEvent>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                // Events of one window arrive together: a short wait gathers them into one call.
                await Task.Delay(BatchWindow, time, stoppingToken).ConfigureAwait(false);
                while (batch.Count < PartnersLinkAuditSink.MaxPerCall && _queue.Reader.TryRead(out var linkEvent))
                {
                    batch.Add(linkEvent);
                }

                await WriteAsync(batch, stoppingToken).ConfigureAwait(false);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await TryLastWriteAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task WriteAsync(List<LinkEvent> batch, CancellationToken stoppingToken)
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

    /// <summary>Shutting down: one last attempt for what is waiting, then say what is left.</summary>
    private async Task TryLastWriteAsync(List<LinkEvent> batch)
    {
        while (_queue.Reader.TryRead(out var linkEvent))
        {
            batch.Add(linkEvent);
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await sink.WriteAsync(batch, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogLeftAtShutdown(logger, batch.Count, e.Message);
        }
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning, Message = "Recording {Count} link events failed ({Reason}); retrying in {DelayMs} ms")]
    private static partial void LogWriteFailed(ILogger logger, int count, string reason, double delayMs);

    [LoggerMessage(EventId = 151, Level = LogLevel.Error, Message = "{Count} link events were not recorded: the link audit queue was full")]
    private static partial void LogOverflow(ILogger logger, long count);

    [LoggerMessage(EventId = 152, Level = LogLevel.Error, Message = "{Count} link events were not recorded: the service stopped before Partners took them ({Reason})")]
    private static partial void LogLeftAtShutdown(ILogger logger, int count, string reason);
}
