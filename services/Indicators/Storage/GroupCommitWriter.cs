using System.Threading.Channels;
using CyberPledge.Indicators.Feed;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The single writer. It takes every work queued while the previous commit was being made
/// and runs them in one transaction (each in its own savepoint, so one failing work does not
/// undo the others), commits once, then completes them all: one fsync for many requests.
/// Store-agnostic: the database specifics are the <see cref="IGroupCommitTransaction"/>'s.
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    private const int MaxWorksPerCommit = 256;
    private static readonly TimeSpan IdempotencyPruneInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGroupCommitTransaction _transaction;
    private readonly ChangeSignal _signal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Thread _thread;
    private DateTimeOffset _nextPrune;

    public GroupCommitWriter(IGroupCommitTransaction transaction, ChangeSignal signal, TimeProvider timeProvider, ILogger logger)
    {
        _transaction = transaction;
        _signal = signal;
        _timeProvider = timeProvider;
        _logger = logger;
        _nextPrune = timeProvider.GetUtcNow();
        // A dedicated thread: the loop blocks on the database and fsync, which would starve a small thread pool.
        _thread = new Thread(Run) { IsBackground = true, Name = "indicator-store-writer" };
        _thread.Start();
    }

    public Task<T> Enqueue<T>(Func<IIndicatorWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<PendingWrite>(MaxWorksPerCommit);
        var succeeded = new List<PendingWrite>(MaxWorksPerCommit);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            succeeded.Clear();
            while (batch.Count < MaxWorksPerCommit && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            CommitBatch(batch, succeeded);
        }
    }

    private void CommitBatch(List<PendingWrite> batch, List<PendingWrite> succeeded)
    {
        var committed = _transaction.LastSequence;
        try
        {
            _transaction.Begin();
            foreach (var pending in batch)
            {
                RunInSavepoint(pending, succeeded);
            }

            PruneIdempotencyWhenDue();
            _transaction.Commit();
        }
        catch (Exception e)
        {
            StoreLog.CommitFailed(_logger, e);
            _transaction.Rollback(committed);
            // Completing twice is a no-op, so works that already failed keep their own error.
            batch.ForEach(pending => pending.Fail(e));
            return;
        }

        if (_transaction.LastSequence != committed)
        {
            _signal.Publish(_transaction.LastSequence);
        }

        succeeded.ForEach(pending => pending.Complete());
    }

    private void RunInSavepoint(PendingWrite pending, List<PendingWrite> succeeded)
    {
        if (pending.IsCancelled)
        {
            pending.Cancel();
            return;
        }

        var mark = _transaction.BeginWork();
        try
        {
            pending.Run(_transaction);
            _transaction.EndWork();
            succeeded.Add(pending);
        }
#pragma warning disable CA1031 // A work's failure is its caller's: it is reported to that caller only.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _transaction.UndoWork(mark);
            pending.Fail(e);
        }
    }

    private void PruneIdempotencyWhenDue()
    {
        var now = _timeProvider.GetUtcNow();
        if (now >= _nextPrune)
        {
            _transaction.DeleteExpiredIdempotency(now);
            _nextPrune = now + IdempotencyPruneInterval;
        }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }
}
