using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>
/// Where indicator versions live: the latest version of each indicator, every version, the
/// ordered change feed and idempotency records. A write is durable when its task completes.
/// Implementations: SQLite (the embedded default) and PostgreSQL (replicas sharing one database).
/// </summary>
public interface IIndicatorStore : IAsyncDisposable
{
    /// <summary>Identifies this store's change feed; sequence numbers mean nothing outside it.</summary>
    string FeedId { get; }

    /// <summary>The highest committed sequence number (0 when the feed is empty).</summary>
    ulong LastSequence { get; }

    /// <summary>The origin pinned to this store, once <see cref="PinOrigin"/> has run (null before).</summary>
    NodeOrigin? PinnedOrigin { get; }

    /// <summary>
    /// Pins <paramref name="requested"/> as the store's origin when none is pinned yet, and returns the
    /// pinned one, which differs from <paramref name="requested"/> when an earlier open (or another
    /// replica sharing the database) pinned another. Concurrent first pins agree on one.
    /// </summary>
    NodeOrigin PinOrigin(NodeOrigin requested);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, serialized with every other write,
    /// and returns once its changes are durable. When the work throws, none of its changes are
    /// kept and the task fails with that exception. Works may share one commit (group commit).
    /// </summary>
    Task<T> WriteAsync<T>(Func<IIndicatorWriteTransaction, T> work, CancellationToken cancellationToken);

    /// <summary>A read-only view of committed data, for lookups before a write.</summary>
    Task<T> ReadAsync<T>(Func<IIndicatorLookup, T> read, CancellationToken cancellationToken);

    /// <summary>One version of an indicator, or its latest when <paramref name="version"/> is 0.</summary>
    Task<StoredIndicator?> GetAsync(string id, ulong version, CancellationToken cancellationToken);

    /// <summary>Latest versions matching <paramref name="filter"/> with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<StoredIndicator>> QueryAsync(IndicatorFilter filter, ulong afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Versions with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<StoredIndicator>> ReadFeedAsync(ulong afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>Completes once a version with a sequence above <paramref name="afterSequence"/> is committed.</summary>
    Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken);
}
