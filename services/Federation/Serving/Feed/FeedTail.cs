using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Serving.Feed;

/// <summary>
/// The live end of this node's feed, read once for every stream of this process: one Indicators Watch from the feed's
/// end when the tail starts, its events kept in a ring of the last <see cref="DefaultCapacity"/>. The tail never waits for a
/// stream: a stream that falls behind the ring reads on by itself (<see cref="SessionFeed"/>), so one slow subscriber
/// neither stalls the others nor grows memory. The events are shared: nobody changes them.
/// </summary>
internal sealed class FeedTail(int capacity = FeedTail.DefaultCapacity)
{
    /// <summary>Events kept (at 500 versions/s, 8 s); a stream further behind reads its own catch-up.</summary>
    public const int DefaultCapacity = 4096;

    private readonly ChangeEvent[] _ring = new ChangeEvent[capacity];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;
    private ulong _covered;
    private bool _started;
    private Exception? _error;

    /// <summary>Set once the Watch ended or could not start: the tail is not joined any more and its streams end.</summary>
    public bool IsFaulted
    {
        get
        {
            lock (_lock)
            {
                return _error is not null;
            }
        }
    }

    /// <summary>The sequence of the last event read (0 before the first).</summary>
    public ulong LastSequence
    {
        get
        {
            lock (_lock)
            {
                return _count == 0 ? 0 : _ring[(_count - 1) % capacity].Sequence;
            }
        }
    }

    /// <summary>Reads the feed from its end until <see cref="Stop"/> or a failure.</summary>
    public async Task RunAsync(Indicators.IndicatorsClient indicators, string feedId)
    {
        Exception error;
        try
        {
            var stop = _stop.Token;
            var identity = await indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: stop).ResponseAsync.ConfigureAwait(false);
            using var watch = indicators.Watch(new WatchRequest { AfterSequence = identity.LastSequence, FeedId = feedId }, cancellationToken: stop);
            lock (_lock)
            {
                _covered = identity.LastSequence;
                _started = true;
            }

            while (await watch.ResponseStream.MoveNext(stop).ConfigureAwait(false))
            {
                Append(watch.ResponseStream.Current);
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever stopped the Watch, its streams must not wait for it (the channel gone at shutdown, say).
            error = new RpcException(new Status(StatusCode.Unavailable, $"this node's feed is unavailable ({e.GetType().Name}); subscribe again"));
        }

        Fail(error);
    }

    /// <summary>Ends the Watch (no stream uses the tail any more).</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>
    /// Where a stream that handed out every event up to <paramref name="position"/> reads on in the tail: possible when
    /// the tail holds every event after it (or will: the tail may not have read that far yet).
    /// </summary>
    public bool TryJoin(ulong position, out long index)
    {
        lock (_lock)
        {
            index = 0;
            if (!_started || _error is not null || position < _covered)
            {
                return false;
            }

            // The ring is in sequence order: the first event after the position.
            var low = Math.Max(0, _count - capacity);
            var high = _count;
            while (low < high)
            {
                var middle = low + ((high - low) / 2);
                if (_ring[middle % capacity].Sequence <= position)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            index = low;
            return true;
        }
    }

    /// <summary>
    /// Adds to <paramref name="into"/> up to <paramref name="max"/> events from <paramref name="index"/> on with a
    /// sequence after <paramref name="position"/>. False when the ring no longer holds <paramref name="index"/>.
    /// </summary>
    /// <exception cref="RpcException">The tail failed (UNAVAILABLE) and the stream read everything it had.</exception>
    public bool Read(ref long index, ulong position, Queue<ChangeEvent> into, int max)
    {
        lock (_lock)
        {
            if (index < _count - capacity)
            {
                return false;
            }

            var added = 0;
            while (index < _count && added < max)
            {
                var change = _ring[index % capacity];
                index++;
                if (change.Sequence > position)
                {
                    into.Enqueue(change);
                    position = change.Sequence;
                    added++;
                }
            }

            if (added == 0 && _error is not null)
            {
                throw _error is RpcException rpc ? new RpcException(rpc.Status) : new RpcException(new Status(StatusCode.Unavailable, "this node's feed stopped; subscribe again"));
            }

            return true;
        }
    }

    /// <summary>Completes once there is an event at <paramref name="index"/> (or beyond), or the tail failed.</summary>
    public Task WaitAsync(long index)
    {
        lock (_lock)
        {
            return index < _count || _error is not null ? Task.CompletedTask : _appended.Task;
        }
    }

    private void Append(ChangeEvent change)
    {
        TaskCompletionSource appended;
        lock (_lock)
        {
            var slot = _count % capacity;
            if (_count >= capacity)
            {
                // Evicted: a stream at or before it cannot join any more.
                _covered = _ring[slot].Sequence;
            }

            _ring[slot] = change;
            _count++;
            appended = _appended;
            _appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        appended.TrySetResult();
    }

    private void Fail(Exception error)
    {
        TaskCompletionSource appended;
        lock (_lock)
        {
            _error = error;
            appended = _appended;
        }

        appended.TrySetResult();
    }
}
