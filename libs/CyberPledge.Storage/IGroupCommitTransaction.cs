namespace CyberPledge.Storage;

/// <summary>
/// What <see cref="GroupCommitWriter{TTransaction}"/> needs from a store's write connection: one
/// transaction per batch, one savepoint per work inside it. Sequence numbers are handed out by the
/// implementation while it holds the store's only write transaction, so they are gap-free and
/// increase with commit order.
/// </summary>
public interface IGroupCommitTransaction
{
    /// <summary>The last sequence handed out (committed, or in the open transaction).</summary>
    ulong LastSequence { get; }

    /// <summary>Opens the batch's transaction.</summary>
    void Begin();

    /// <summary>Opens a savepoint for one work; returns what undoing it needs.</summary>
    WorkMark BeginWork();

    /// <summary>Releases the work's savepoint: its writes become part of the batch.</summary>
    void EndWork();

    /// <summary>Undoes one work back to its savepoint, leaving the batch's other works alone.</summary>
    /// <param name="mark">What <see cref="BeginWork"/> returned.</param>
    void UndoWork(WorkMark mark);

    /// <summary>Commits the batch; returns once it is durable.</summary>
    void Commit();

    /// <summary>Undoes the whole transaction, after a failure (the database may already have rolled back).</summary>
    /// <param name="lastCommitted">The last sequence before the batch, which <see cref="LastSequence"/> returns to.</param>
    void Rollback(ulong lastCommitted);
}

/// <summary>Where a work started: the last sequence before it, and a store-specific position to cut back to.</summary>
/// <param name="Sequence">The last sequence handed out before the work.</param>
/// <param name="Position">A position in the store's own bookkeeping (e.g. an in-memory index's log).</param>
public readonly record struct WorkMark(ulong Sequence, int Position);
