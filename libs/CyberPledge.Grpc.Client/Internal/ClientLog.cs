using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Grpc.Net.Client.Internal;

/// <summary>The client's log messages; the event ids are stable.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(1, LogLevel.Debug, "Starting gRPC call. Method type: '{MethodType}', URI: '{Uri}'.", EventName = "StartingCall")]
    public static partial void StartingCall(ILogger logger, MethodType methodType, Uri uri);

    [LoggerMessage(2, LogLevel.Debug, "Finished gRPC call with status OK.", EventName = "CallFinished")]
    public static partial void CallFinished(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Call failed with gRPC error status. Status code: '{StatusCode}', Message: '{StatusMessage}'.", EventName = "GrpcStatusError")]
    public static partial void GrpcStatusError(ILogger logger, StatusCode statusCode, string statusMessage, Exception? exception);

    [LoggerMessage(4, LogLevel.Debug, "gRPC call deadline exceeded.", EventName = "DeadlineExceeded")]
    public static partial void DeadlineExceeded(ILogger logger);

    [LoggerMessage(5, LogLevel.Debug, "gRPC call cancelled by the client.", EventName = "CallCanceled")]
    public static partial void CallCanceled(ILogger logger);

    [LoggerMessage(6, LogLevel.Warning, "Call credentials were not sent: the channel is insecure. Use https:// or set UnsafeUseInsecureChannelCallCredentials.", EventName = "CallCredentialsNotUsed")]
    public static partial void CallCredentialsNotUsed(ILogger logger);
}
