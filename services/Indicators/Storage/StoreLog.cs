using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "A commit of the indicator store failed; its writes were rolled back and their callers told.")]
    public static partial void CommitFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Indicator store opened in {DataDirectory}: feed {FeedId}, last sequence {LastSequence}.")]
    public static partial void Opened(ILogger logger, string dataDirectory, string feedId, ulong lastSequence);
}
