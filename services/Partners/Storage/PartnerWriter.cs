using CyberPledge.Storage;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Partners.Storage;

/// <summary>The partner stores' <see cref="GroupCommitWriter{TTransaction}"/>: one writer per store, the same settings for SQLite and PostgreSQL.</summary>
internal static class PartnerWriter
{
    public const string ThreadName = "partner-store-writer";

    /// <summary>How schema errors name the store, on both databases.</summary>
    public const string StoreName = "partner";

    public static GroupCommitWriter<TTransaction> Start<TTransaction>(TTransaction transaction, ChangeSignal signal, TimeProvider timeProvider, ILogger logger)
        where TTransaction : ChainedWriteTransaction =>
        new(transaction, signal, new GroupCommitWriterOptions<TTransaction> { ThreadName = ThreadName, Logger = logger, TimeProvider = timeProvider });
}
