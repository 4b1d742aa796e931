using Microsoft.Extensions.Logging;

namespace CyberPledge.Storage.Internal;

internal static partial class StorageLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "A commit of {Writer} failed; its writes were rolled back and their callers told.")]
    public static partial void CommitFailed(ILogger logger, string writer, Exception exception);
}
