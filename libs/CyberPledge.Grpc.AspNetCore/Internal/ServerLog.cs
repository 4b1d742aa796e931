using Microsoft.Extensions.Logging;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>The server's log messages, with stable event ids.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Error, "Error when executing service method '{Method}'.")]
    public static partial void HandlerError(ILogger logger, string method, Exception exception);

    [LoggerMessage(2, LogLevel.Information, "Call '{Method}' ended with status {StatusCode}: {Detail}")]
    public static partial void RpcError(ILogger logger, string method, Grpc.Core.StatusCode statusCode, string detail);

    [LoggerMessage(3, LogLevel.Debug, "Deadline of call '{Method}' exceeded.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(4, LogLevel.Information, "Rejected request to '{Path}': {Reason}")]
    public static partial void RequestRejected(ILogger logger, string path, string reason);

    [LoggerMessage(5, LogLevel.Debug, "Could not send the status of call '{Method}': the stream is gone.")]
    public static partial void StatusNotSent(ILogger logger, string method, Exception exception);
}
