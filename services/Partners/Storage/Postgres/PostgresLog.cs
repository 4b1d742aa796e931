using Microsoft.Extensions.Logging;

namespace CyberPledge.Partners.Storage.Postgres;

internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Listening for the partner store's commits failed; listening again.")]
    public static partial void ListenFailed(ILogger logger, Exception exception);
}
