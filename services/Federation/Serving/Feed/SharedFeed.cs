using CyberPledge.Federation.Node;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Serving.Feed;

/// <summary>
/// This node's feed as every stream of the process reads it (docs/federation.md "What a subscriber gets"): one shared
/// <see cref="FeedTail"/> while at least one stream is open, each stream keeping its own position, order and pace
/// (<see cref="SessionFeed"/>). Without it each stream had its own Watch, so Indicators read, serialized and sent
/// every version once per subscriber and this process parsed it as often.
/// </summary>
internal sealed partial class SharedFeed(NodeServices services, NodeSelf self, ILogger<SharedFeed> logger)
{
    // A tail that failed is started again at most this often while streams are open (not once per event read).
    private static readonly TimeSpan RestartInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private FeedTail? _tail;
    private long _startedAt;
    private int _streams;
    private long _ownReads;

    /// <summary>The events a tail keeps (smaller in tests, to see a stream fall behind it).</summary>
    internal int TailCapacity { get; set; } = FeedTail.DefaultCapacity;

    /// <summary>The shared tail, started again if it failed; null when no stream is open.</summary>
    public FeedTail? Tail
    {
        get
        {
            lock (_lock)
            {
                if (_streams > 0 && (_tail is null || (_tail.IsFaulted && Environment.TickCount64 - _startedAt >= RestartInterval.TotalMilliseconds)))
                {
                    StartTail();
                }

                return _tail;
            }
        }
    }

    /// <summary>The events after <paramref name="after"/> for one stream; dispose it when the stream ends.</summary>
    public SessionFeed Open(ulong after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _streams++;
        }

        try
        {
            return new SessionFeed(this, after, cancellationToken);
        }
        catch
        {
            Closed();
            throw;
        }
    }

    /// <summary>The streams' own Watches opened so far (a catch-up, or a stream the tail left behind).</summary>
    internal long OwnReads => Interlocked.Read(ref _ownReads);

    /// <summary>A stream's own Watch after <paramref name="after"/>: its catch-up to the tail.</summary>
    internal OwnWatch OpenOwn(ulong after, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _ownReads);
        return new(services.Indicators, after, self.Identity.FeedId, cancellationToken);
    }

    /// <summary>A stream ended; the last one stops the tail.</summary>
    internal void Closed()
    {
        lock (_lock)
        {
            if (--_streams == 0 && _tail is { } tail)
            {
                tail.Stop();
                _tail = null;
            }
        }
    }

    private void StartTail()
    {
        _tail?.Stop();
        var tail = new FeedTail(TailCapacity);
        _tail = tail;
        _startedAt = Environment.TickCount64;
        LogTailStarted(logger);
        _ = tail.RunAsync(services.Indicators, self.Identity.FeedId);
    }

    [LoggerMessage(EventId = 145, Level = LogLevel.Debug, Message = "Reading this node's feed from its end for the open streams")]
    private static partial void LogTailStarted(ILogger logger);
}
