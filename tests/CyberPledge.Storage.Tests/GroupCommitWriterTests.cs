using CyberPledge.Testing;

namespace CyberPledge.Storage.Tests;

public sealed class GroupCommitWriterTests : IDisposable
{
    private readonly FakeTransaction _transaction = new();
    private readonly ChangeSignal _signal = new();
    private readonly ManualTimeProvider _clock = new();
    private readonly List<DateTimeOffset> _maintained = [];
    private readonly GroupCommitWriter<FakeTransaction> _writer;

    public GroupCommitWriterTests() =>
        _writer = new GroupCommitWriter<FakeTransaction>(_transaction, _signal, new GroupCommitWriterOptions<FakeTransaction>
        {
            ThreadName = "test-writer",
            TimeProvider = _clock,
            Maintenance = (transaction, now) =>
            {
                transaction.Record("maintenance");
                _maintained.Add(now);
            },
            MaintenanceInterval = TimeSpan.FromMinutes(1),
        });

    /// <summary>Queues a work that holds the writer until released, so the works queued meanwhile form the next batch.</summary>
    private async Task<(Task<ulong> Work, TaskCompletionSource Release)> HoldTheWriterAsync()
    {
        var release = new TaskCompletionSource();
        var running = new TaskCompletionSource();
        var work = _writer.Enqueue(tx =>
        {
            running.SetResult();
            release.Task.Wait();
            return tx.Append("holder");
        }, CancellationToken.None);
        await running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        return (work, release);
    }

    [Fact]
    public async Task Enqueue_WorksQueuedDuringACommit_ShareOneTransactionWithASavepointEach()
    {
        var (holder, release) = await HoldTheWriterAsync();
        var works = Enumerable.Range(0, 3).Select(i => _writer.Enqueue(tx => tx.Append("w" + i), CancellationToken.None)).ToList();

        release.SetResult();
        await holder;
        var sequences = await Task.WhenAll(works);

        Assert.Equal([2ul, 3ul, 4ul], sequences);
        Assert.Equal(
            ["begin", "savepoint", "release", "maintenance", "commit",
             "begin", "savepoint", "release", "savepoint", "release", "savepoint", "release", "commit"],
            _transaction.Log);
    }

    [Fact]
    public async Task Enqueue_WorkThrows_OnlyThatCallerFailsAndItsWritesAreUndone()
    {
        var (holder, release) = await HoldTheWriterAsync();
        var before = _writer.Enqueue(tx => tx.Append("before"), CancellationToken.None);
        var failing = _writer.Enqueue<ulong>(tx =>
        {
            tx.Append("bad");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var after = _writer.Enqueue(tx => tx.Append("after"), CancellationToken.None);

        release.SetResult();

        Assert.Equal("refused", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(2ul, await before);
        Assert.Equal(3ul, await after);
        await holder;
        Assert.Equal(["holder", "before", "after"], _transaction.Committed);
        Assert.Equal(1, _transaction.Log.Count(step => step == "undo"));
    }

    [Fact]
    public async Task Enqueue_CommitFails_EveryWorkOfTheBatchFailsAndNothingIsSignalled()
    {
        var (holder, release) = await HoldTheWriterAsync();
        var works = Enumerable.Range(0, 3).Select(i => _writer.Enqueue(tx => tx.Append("w" + i), CancellationToken.None)).ToList();
        _transaction.FailCommitNumber = 2;
        release.SetResult();
        await holder;

        // The holder's batch committed; the three queued works form the next one, whose commit fails.
        foreach (var work in works)
        {
            Assert.Same(_transaction.CommitFailure, await Assert.ThrowsAsync<IOException>(() => work));
        }

        Assert.Equal(1ul, _signal.LastSequence);
        Assert.Equal(1ul, _transaction.LastSequence);
        Assert.Equal("rollback", _transaction.Log[^1]);
        Assert.Equal(["holder"], _transaction.Committed);
    }

    [Fact]
    public async Task Enqueue_Committed_SignalIsPublishedBeforeTheCallerResumes()
    {
        var sequence = await _writer.Enqueue(tx => tx.Append("a"), CancellationToken.None);

        Assert.Equal(1ul, sequence);
        Assert.Equal(1ul, _signal.LastSequence);
    }

    [Fact]
    public async Task Enqueue_WorkWritingNothing_PublishesNothing()
    {
        Assert.Equal(0ul, await _writer.Enqueue(tx => tx.LastSequence, CancellationToken.None));

        Assert.False(_signal.WaitForChangeAsync(0, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Enqueue_CancelledBeforeItRuns_IsCancelledAndNeverRuns()
    {
        var (holder, release) = await HoldTheWriterAsync();
        using var cancellation = new CancellationTokenSource();
        var ran = false;
        var cancelled = _writer.Enqueue(tx => ran = true, cancellation.Token);
        await cancellation.CancelAsync();

        release.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await holder;
        Assert.False(ran);
        Assert.Equal(1, _transaction.Log.Count(step => step == "savepoint"));
    }

    [Fact]
    public async Task Maintenance_RunsInsideTheTransactionOncePerInterval()
    {
        await _writer.Enqueue(tx => tx.Append("a"), CancellationToken.None);
        await _writer.Enqueue(tx => tx.Append("b"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await _writer.Enqueue(tx => tx.Append("c"), CancellationToken.None);

        Assert.Equal([_clock.GetUtcNow() - TimeSpan.FromMinutes(1), _clock.GetUtcNow()], _maintained);
        Assert.Equal(
            ["begin", "savepoint", "release", "maintenance", "commit",
             "begin", "savepoint", "release", "commit",
             "begin", "savepoint", "release", "maintenance", "commit"],
            _transaction.Log);
    }

    [Fact]
    public void Enqueue_AfterDispose_ThrowsObjectDisposed()
    {
        _writer.Dispose();


        // Synchronously, at the call: nothing is queued.
        void EnqueueLate() => _writer.Enqueue(tx => tx.Append("late"), CancellationToken.None);

        Assert.Throws<ObjectDisposedException>(EnqueueLate);
    }

    public void Dispose() => _writer.Dispose();
}
