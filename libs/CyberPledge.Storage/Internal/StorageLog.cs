using Microsoft.Extensions.Logging;

namespace CyberPledge.Storage.Internal;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "A commit of {Writer} failed; its writes were rolled back and their callers told.")]
    public static partial void CommitFailed(ILogger logger, string writer, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Listening on PostgreSQL channel {Channel} for other replicas' commits failed; it listens again shortly (live streams see their writes late, not never).")]
    public static partial void ListenFailed(ILogger logger, string channel, Exception exception);
}
