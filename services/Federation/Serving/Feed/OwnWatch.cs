using System.Threading.Channels;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Serving.Feed;

/// <summary>
/// One stream's own Indicators Watch after its position, into a bounded buffer: the catch-up of a stream behind the
/// shared tail. When the stream reads slower than the feed grows, the buffer fills and HTTP/2 flow control slows the
/// Watch, so nothing is buffered without bound.
/// </summary>
internal sealed class OwnWatch : IAsyncDisposable
{
    private const int Buffer = 256;

    private readonly CancellationTokenSource _stop;
    private readonly AsyncServerStreamingCall<ChangeEvent> _watch;
    private readonly Channel<ChangeEvent> _events = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(Buffer) { SingleWriter = true, SingleReader = true });
    private readonly Task _pump;
    private Task<bool>? _pendingRead;

    public OwnWatch(Indicators.IndicatorsClient indicators, ulong after, string feedId, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _watch = indicators.Watch(new WatchRequest { AfterSequence = after, FeedId = feedId }, cancellationToken: _stop.Token);
        _pump = PumpAsync();
    }

    public ChannelReader<ChangeEvent> Events => _events.Reader;

    /// <summary>Completes when an event can be read or the Watch ended; one pending wait at a time.</summary>
    public Task WaitAsync()
    {
        if (_pendingRead is { IsCompleted: true })
        {
            _pendingRead = null;
        }

        return _pendingRead ??= _events.Reader.WaitToReadAsync(_stop.Token).AsTask();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        _watch.Dispose();
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        Exception error;
        try
        {
            while (await _watch.ResponseStream.MoveNext(_stop.Token).ConfigureAwait(false))
            {
                await _events.Writer.WriteAsync(_watch.ResponseStream.Current, _stop.Token).ConfigureAwait(false);
            }

            error = new RpcException(new Status(StatusCode.Unavailable, "this node's feed ended; subscribe again"));
        }
        catch (OperationCanceledException e) when (_stop.IsCancellationRequested)
        {
            error = e;
        }
        catch (RpcException e)
        {
            error = new RpcException(new Status(StatusCode.Unavailable, $"this node's feed is unavailable ({e.StatusCode}); subscribe again"));
        }

        _events.Writer.TryComplete(error);
    }
}
