namespace CyberPledge.Indicators.Storage;

/// <summary>
/// What <see cref="GroupCommitWriter"/> needs from a store's write connection: one transaction
/// per batch, one savepoint per work inside it. Sequence numbers are handed out by the
/// implementation while it holds the store's only write transaction, so they are gap-free and
/// increase with commit order.
/// </summary>
internal interface IGroupCommitTransaction : IIndicatorWriteTransaction
{
    /// <summary>The last sequence handed out (committed, or in the open transaction).</summary>
    ulong LastSequence { get; }

    void Begin();

    /// <summary>Opens a savepoint for one work; returns what undoing it needs.</summary>
    WorkMark BeginWork();

    void EndWork();

    void UndoWork(WorkMark mark);

    void Commit();

    /// <summary>Undoes the whole transaction, after a failure (the database may already have rolled back).</summary>
    void Rollback(ulong lastCommitted);

    int DeleteExpiredIdempotency(DateTimeOffset now);
}

/// <summary>Where a work started: the last sequence before it, and a store-specific position to cut back to.</summary>
internal readonly record struct WorkMark(ulong Sequence, int Position);
