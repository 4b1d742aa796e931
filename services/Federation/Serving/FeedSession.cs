using CyberPledge.Federation.Serving.Feed;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// One open Subscribe stream: reads this node's feed after the cursor (the process's shared reader, <see cref="SharedFeed"/>),
/// and interleaves in one loop the feed's events, the embargo holds that come due, checkpoints, and the agreement
/// checks that end the stream. One writer, so records leave in the order their cursors move.
/// </summary>
internal sealed partial class FeedSession(FeedServer server, Subscriber subscriber, FeedCursor cursor, IServerStreamWriter<FeedRecord> stream, CancellationToken cancellationToken)
{
    /// <summary>After withheld events, a checkpoint goes out at most this often (never one per withheld event: that would tell counts).</summary>
    public static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(1);

    // Events handled before the agreement and the holds are checked again, during a catch-up.
    private const int EventsPerTurn = 256;

    private FeedCursor _cursor = cursor;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastRecordAt;
    private DateTimeOffset? _nextRelease;
    private bool _unsent;
    private ulong _head;

    private string Grantee => subscriber.Nation;

    public async Task RunAsync()
    {
        await using var events = server.Feed.Open(_cursor.Sequence, cancellationToken);
        using var timer = new DueTimer(server.Time, cancellationToken);
        server.Agreements.Changed += Wake;
        try
        {
            _head = (await server.Services.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false)).LastSequence;
            _lastRecordAt = server.Time.GetUtcNow();
            _nextRelease = await server.Store.NextReleaseAsync(Grantee, _cursor.Released, cancellationToken).ConfigureAwait(false);
            server.Links.Opened(Grantee, _cursor.Sequence, _head);
            while (true)
            {
                await TurnAsync(events, timer).ConfigureAwait(false);
            }
        }
        finally
        {
            server.Agreements.Changed -= Wake;
        }
    }

    private async Task TurnAsync(SessionFeed events, DueTimer timer)
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

        await WaitAsync(events, timer).ConfigureAwait(false);
    }

    /// <summary>Until an event, a release or checkpoint time, the end of an agreement's window, or a change of the agreements.</summary>
    private async Task WaitAsync(SessionFeed events, DueTimer timer)
    {
        var read = events.WaitAsync();
        var now = server.Time.GetUtcNow();
        var due = Earliest(Earliest(_nextRelease, _unsent ? _lastRecordAt + CheckpointInterval : null), AgreementEnd(now));
        // The timer also ends the wait when the subscriber leaves (the shared feed's wait does not).
        await Task.WhenAny(read, _wake.Task, timer.At(due)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
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
}
