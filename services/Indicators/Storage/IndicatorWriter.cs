using CyberPledge.Storage;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage;

/// <summary>A store's write transaction: the group-commit steps, the indicator writes, and idempotency pruning.</summary>
internal interface IIndicatorGroupCommitTransaction : IGroupCommitTransaction, IIndicatorWriteTransaction
{
    int DeleteExpiredIdempotency(DateTimeOffset now);
}

/// <summary>The indicator stores' <see cref="GroupCommitWriter{TTransaction}"/>: one writer per store, the same settings for SQLite and PostgreSQL.</summary>
internal static class IndicatorWriter
{
    public const string ThreadName = "indicator-store-writer";

    /// <summary>How schema errors name the store, on both databases.</summary>
    public const string StoreName = "indicator";

    private static readonly TimeSpan IdempotencyPruneInterval = TimeSpan.FromMinutes(1);

    public static GroupCommitWriter<TTransaction> Start<TTransaction>(TTransaction transaction, ChangeSignal signal, TimeProvider timeProvider, ILogger logger)
        where TTransaction : class, IIndicatorGroupCommitTransaction =>
        new(transaction, signal, new GroupCommitWriterOptions<TTransaction>
        {
            ThreadName = ThreadName,
            Logger = logger,
            TimeProvider = timeProvider,
            // Expired idempotency records go inside a batch's transaction: no second writer, no extra fsync.
            Maintenance = static (transaction, now) => transaction.DeleteExpiredIdempotency(now),
            MaintenanceInterval = IdempotencyPruneInterval,
        });
}
