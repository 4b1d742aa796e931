using System.Diagnostics;
using System.Threading.Channels;
using CyberPledge.Storage.Internal;

namespace CyberPledge.Storage;

/// <summary>
/// The single writer of a store. It takes every work queued while the previous commit was being
/// made and runs them in one transaction (each in its own savepoint, so one failing work does not
/// undo the others), commits once, publishes the new last sequence to the <see cref="ChangeSignal"/>,
/// then completes them all: one fsync for many requests. When the commit fails, every work of the
/// batch fails with its error. Store-agnostic: the database specifics are the
/// <typeparamref name="TTransaction"/>'s.
/// </summary>
/// <typeparam name="TTransaction">The store's write transaction; works receive it.</typeparam>
public sealed class GroupCommitWriter<TTransaction> : IDisposable
    where TTransaction : class, IGroupCommitTransaction
{
    private const int MaxWorksPerCommit = 256;

    private readonly Channel<PendingWrite<TTransaction>> _queue =
        Channel.CreateUnbounded<PendingWrite<TTransaction>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly TTransaction _transaction;
    private readonly ChangeSignal _signal;
    private readonly GroupCommitWriterOptions<TTransaction> _options;
    private readonly Thread _thread;
    private DateTimeOffset _nextMaintenance;

    /// <summary>Starts the writer thread.</summary>
    /// <param name="transaction">The store's write transaction, used by this writer's thread only.</param>
    /// <param name="signal">Where each commit's last sequence is published.</param>
    /// <param name="options">The thread name, logger, clock and maintenance step.</param>
    public GroupCommitWriter(TTransaction transaction, ChangeSignal signal, GroupCommitWriterOptions<TTransaction> options)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(options);
        _transaction = transaction;
        _signal = signal;
        _options = options;
        _nextMaintenance = options.TimeProvider.GetUtcNow();
        // A dedicated thread: the loop blocks on the database and fsync, which would starve a small thread pool.
        _thread = new Thread(Run) { IsBackground = true, Name = options.ThreadName };
        _thread.Start();
    }

    /// <summary>
    /// Queues <paramref name="work"/>; the task completes with its result once the batch holding it
    /// is committed, fails with its exception (its writes undone, the batch's others kept), fails
    /// with the commit's error, or is cancelled when <paramref name="cancellationToken"/> fires before it runs.
    /// </summary>
    public Task<T> Enqueue<T>(Func<TTransaction, T> work, CancellationToken cancellationToken)
    {
        var pending = new PendingWrite<TTransaction, T>(work, cancellationToken);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter<TTransaction>));
        }

        return pending.Task;
    }

    private void Run()
    {
        var batch = new List<PendingWrite<TTransaction>>(MaxWorksPerCommit);
        var succeeded = new List<PendingWrite<TTransaction>>(MaxWorksPerCommit);
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

    private void CommitBatch(List<PendingWrite<TTransaction>> batch, List<PendingWrite<TTransaction>> succeeded)
    {
        var committed = _transaction.LastSequence;
        var started = Stopwatch.GetTimestamp();
        try
        {
            _transaction.Begin();
            foreach (var pending in batch)
            {
                RunInSavepoint(pending, succeeded);
            }

            MaintainWhenDue();
            _transaction.Commit();
        }
        catch (Exception e)
        {
            StorageLog.CommitFailed(_options.Logger, _options.ThreadName, e);
            _transaction.Rollback(committed);
            // Completing twice is a no-op, so works that already failed keep their own error.
            batch.ForEach(pending => pending.Fail(e));
            return;
        }

        StoreMetrics.RecordCommit(_options.ThreadName, Stopwatch.GetElapsedTime(started), batch.Count);
        if (_transaction.LastSequence != committed)
        {
            _signal.Publish(_transaction.LastSequence);
        }

        succeeded.ForEach(pending => pending.Complete());
    }

    private void RunInSavepoint(PendingWrite<TTransaction> pending, List<PendingWrite<TTransaction>> succeeded)
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

    private void MaintainWhenDue()
    {
        if (_options.Maintenance is not { } maintenance)
        {
            return;
        }

        var now = _options.TimeProvider.GetUtcNow();
        if (now >= _nextMaintenance)
        {
            maintenance(_transaction, now);
            _nextMaintenance = now + _options.MaintenanceInterval;
        }
    }

    /// <summary>Stops taking works, lets the queued ones run, and waits for the thread to end.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
    }
}
