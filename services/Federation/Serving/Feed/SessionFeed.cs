using CyberPledge.V1;

namespace CyberPledge.Federation.Serving.Feed;

/// <summary>
/// The events of this node's feed after one stream's position, in feed order, each once: from the shared
/// <see cref="FeedTail"/> when it holds what comes next, otherwise from the stream's own Watch (<see cref="OwnWatch"/>),
/// which it leaves for the tail as soon as it reached it. A stream the tail left behind reads on by itself from where
/// it stands, so the switch in either direction neither repeats nor skips an event.
/// </summary>
internal sealed class SessionFeed : IAsyncDisposable
{
    private const int Batch = 256;

    private readonly SharedFeed _shared;
    private readonly CancellationToken _cancellationToken;
    private readonly Queue<ChangeEvent> _ready = new();
    private ulong _position;
    private FeedTail? _tail;
    private long _index;
    private OwnWatch? _own;

    public SessionFeed(SharedFeed shared, ulong after, CancellationToken cancellationToken)
    {
        _shared = shared;
        _position = after;
        _cancellationToken = cancellationToken;
        if (!TryJoin())
        {
            _own = shared.OpenOwn(after, cancellationToken);
        }
    }

    /// <summary>Reads on the shared tail (for the tests and the link status).</summary>
    public bool OnTail => _tail is not null;

    /// <summary>The next event, if one is there now.</summary>
    /// <exception cref="global::Grpc.Core.RpcException">This node's feed is unavailable (UNAVAILABLE): the stream ends.</exception>
    public bool TryRead(out ChangeEvent change)
    {
        if (_ready.Count == 0)
        {
            Fill();
        }

        if (_ready.TryDequeue(out change!))
        {
            _position = change.Sequence;
            return true;
        }

        return false;
    }

    /// <summary>Completes when <see cref="TryRead"/> may find an event, or an error.</summary>
    public Task WaitAsync()
    {
        if (_ready.Count > 0)
        {
            return Task.CompletedTask;
        }

        return _tail is { } tail ? tail.WaitAsync(_index) : _own!.WaitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _shared.Closed();
        if (_own is { } own)
        {
            await own.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Fill()
    {
        if (_tail is { } tail)
        {
            if (tail.Read(ref _index, _position, _ready, Batch))
            {
                return;
            }

            // The ring moved past this stream: it reads on by itself from where it stands.
            _tail = null;
            _own = _shared.OpenOwn(_position, _cancellationToken);
        }

        // Catching up: the tail takes over as soon as it holds what comes next (checked once per batch).
        if (TryJoin())
        {
            // Its buffered events are in the tail too; the Watch stops in the background (it fails no stream).
            _ = _own!.DisposeAsync().AsTask();
            _own = null;
            _tail!.Read(ref _index, _position, _ready, Batch);
            return;
        }

        var events = _own!.Events;
        while (_ready.Count < Batch && events.TryRead(out var change))
        {
            _ready.Enqueue(change);
        }

        if (_ready.Count == 0 && events.Completion.IsCompleted)
        {
            // The Watch failed: its error (UNAVAILABLE) ends the stream.
            events.Completion.GetAwaiter().GetResult();
        }
    }

    private bool TryJoin()
    {
        if (_shared.Tail is { } tail && tail.TryJoin(_position, out var index))
        {
            _tail = tail;
            _index = index;
            return true;
        }

        return false;
    }
}
