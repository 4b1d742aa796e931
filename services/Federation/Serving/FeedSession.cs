using System.Threading.Channels;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// One open Subscribe stream: reads this node's feed (Indicators' Watch) after the cursor, and interleaves in one
/// loop the feed's events, the embargo holds that come due, checkpoints, and the agreement checks that end the
/// stream. One writer, so records leave in the order their cursors move.
/// </summary>
internal sealed partial class FeedSession(FeedServer server, Subscriber subscriber, FeedCursor cursor, IServerStreamWriter<FeedRecord> stream, CancellationToken cancellationToken)
{
    /// <summary>After withheld events, a checkpoint goes out at most this often (never one per withheld event: that would tell counts).</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    private const int WatchBuffer = 256;

    // Events handled before the agreement and the holds are checked again, during a catch-up.
    private const int EventsPerTurn = 256;

    private FeedCursor _cursor = cursor;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<bool>? _pendingRead;
    private DateTimeOffset _lastRecordAt;
    private DateTimeOffset? _nextRelease;
    private bool _unsent;
    private ulong _head;

    private string Grantee => subscriber.Nation;

    public async Task RunAsync()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = Channel.CreateBounded<ChangeEvent>(new BoundedChannelOptions(WatchBuffer) { SingleWriter = true });
        var indicators = server.Services.Indicators;
        using var watch = indicators.Watch(new WatchRequest { AfterSequence = _cursor.Sequence, FeedId = _cursor.FeedId }, cancellationToken: stop.Token);
        var pump = PumpAsync(watch, events.Writer, stop.Token);
        server.Agreements.Changed += Wake;
        try
        {
            _head = (await indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: stop.Token).ResponseAsync.ConfigureAwait(false)).LastSequence;
            _lastRecordAt = server.Time.GetUtcNow();
            _nextRelease = await server.Store.NextReleaseAsync(Grantee, _cursor.Released, stop.Token).ConfigureAwait(false);
            server.Links.Opened(Grantee, _cursor.Sequence, _head);
            while (true)
            {
                await TurnAsync(events.Reader).ConfigureAwait(false);
            }
        }
        finally
        {
            server.Agreements.Changed -= Wake;
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(false);
        }
    }

    private async Task TurnAsync(ChannelReader<ChangeEvent> events)
    {
        // A change signalled from now on completes the new source; one signalled before is seen by the checks below.
        if (_wake.Task.IsCompleted)
        {
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (!server.Agreements.IsInForce(Grantee))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the agreement with {Grantee} is no longer in force"));
        }

        if (_nextRelease is { } release && release <= server.Time.GetUtcNow())
        {
            await ReleaseDueAsync().ConfigureAwait(false);
        }

        var turn = new List<ChangeEvent>();
        while (turn.Count < EventsPerTurn && events.TryRead(out var change))
        {
            turn.Add(change);
        }

        var handled = turn.Count;
        if (handled > 0)
        {
            await HandleAsync(turn).ConfigureAwait(false);
        }

        if (_unsent && server.Time.GetUtcNow() - _lastRecordAt >= CheckpointInterval)
        {
            await SendAsync(new FeedRecord { Checkpoint = new Checkpoint() }, _cursor).ConfigureAwait(false);
        }

        if (handled == EventsPerTurn)
        {
            return;
        }

        if (events.Completion.IsCompleted)
        {
            await events.Completion.ConfigureAwait(false);
        }

        await WaitAsync(events).ConfigureAwait(false);
    }

    /// <summary>Until an event, a release or checkpoint time, the end of an agreement's window, or a change of the agreements.</summary>
    private async Task WaitAsync(ChannelReader<ChangeEvent> events)
    {
        _pendingRead ??= events.WaitToReadAsync(cancellationToken).AsTask();
        var now = server.Time.GetUtcNow();
        var due = Earliest(Earliest(_nextRelease, _unsent ? _lastRecordAt + CheckpointInterval : null), AgreementEnd(now));
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var waits = due is { } at
            ? new[] { _pendingRead, _wake.Task, Task.Delay(at > now ? at - now : TimeSpan.Zero, server.Time, timer.Token) }
            : [_pendingRead, _wake.Task];
        await Task.WhenAny(waits).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (_pendingRead.IsCompleted)
        {
            _pendingRead = null;
        }
    }

    /// <summary>The first instant an agreement of the grantee in force now stops being in force.</summary>
    private DateTimeOffset? AgreementEnd(DateTimeOffset now)
    {
        DateTimeOffset? end = null;
        foreach (var agreement in server.Agreements.Agreements.Values)
        {
            if (agreement.Grantee == Grantee && agreement.Status == AgreementStatus.Active && agreement.ValidUntil?.ToDateTimeOffset() is { } until && until > now)
            {
                end = Earliest(end, until);
            }
        }

        return end;
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private void Wake() => Volatile.Read(ref _wake).TrySetResult();

    private static async Task PumpAsync(AsyncServerStreamingCall<ChangeEvent> watch, ChannelWriter<ChangeEvent> writer, CancellationToken stop)
    {
        Exception error;
        try
        {
            while (await watch.ResponseStream.MoveNext(stop).ConfigureAwait(false))
            {
                await writer.WriteAsync(watch.ResponseStream.Current, stop).ConfigureAwait(false);
            }

            error = new RpcException(new Status(StatusCode.Unavailable, "this node's feed ended; subscribe again"));
        }
        catch (OperationCanceledException e) when (stop.IsCancellationRequested)
        {
            error = e;
        }
        catch (RpcException e)
        {
            error = new RpcException(new Status(StatusCode.Unavailable, $"this node's feed is unavailable ({e.StatusCode}); subscribe again"));
        }

        writer.TryComplete(error);
    }
}
