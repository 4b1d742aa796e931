using Microsoft.Extensions.Logging;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>The identity layer's log events; tokens themselves are never logged.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Issuer {Issuer} asserted role {Role}, which it is not allowed to assert; the role was dropped")]
    public static partial void RoleDropped(ILogger logger, string issuer, string role);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "The verified-token cache was full ({Capacity} live tokens) and was emptied")]
    public static partial void CacheEmptied(ILogger logger, int capacity);
}
