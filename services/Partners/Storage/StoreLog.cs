using Microsoft.Extensions.Logging;

namespace CyberPledge.Partners.Storage;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Partner store opened in {Location}: audit log at sequence {LastSequence}.")]
    public static partial void Opened(ILogger logger, string location, ulong lastSequence);
}
