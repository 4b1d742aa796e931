using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;

namespace Grpc.Net.Client.Internal;

/// <summary>Statuses for responses that carry none: HTTP errors, HTTP/2 resets, failed connections.</summary>
internal static class StatusMapping
{
    /// <summary>The status of a response without grpc-status, from its HTTP status (doc/http-grpc-status-mapping.md).</summary>
    public static StatusCode FromHttpStatus(int httpStatus) => httpStatus switch
    {
        400 or 431 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The status of a stream the server reset (RST_STREAM table of doc/PROTOCOL-HTTP2.md).</summary>
    public static StatusCode FromHttp2ErrorCode(long errorCode) => errorCode switch
    {
        0x7 => StatusCode.Unavailable,         // REFUSED_STREAM: not processed, may be retried
        0x8 => StatusCode.Cancelled,           // CANCEL
        0xb => StatusCode.ResourceExhausted,   // ENHANCE_YOUR_CALM
        0xc => StatusCode.PermissionDenied,    // INADEQUATE_SECURITY
        _ => StatusCode.Internal,
    };

    /// <summary>The status of a call that failed with an exception rather than a gRPC status.</summary>
    public static Status FromException(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return rpc.Status;
        }
        if (Find<HttpProtocolException>(exception) is { } protocolError)
        {
            return new Status(FromHttp2ErrorCode(protocolError.ErrorCode), "HTTP/2 error: " + protocolError.Message, exception);
        }
        if (exception is OperationCanceledException)
        {
            // A user-supplied HttpClient's Timeout surfaces as a cancellation with a TimeoutException inside.
            return Find<TimeoutException>(exception) is not null
                ? new Status(StatusCode.DeadlineExceeded, "The HTTP client's timeout elapsed.", exception)
                : new Status(StatusCode.Cancelled, "The call was cancelled.", exception);
        }
        if (exception is HttpRequestException || Find<SocketException>(exception) is not null)
        {
            return new Status(StatusCode.Unavailable, "Error connecting to the server: " + exception.Message, exception);
        }
        if (exception is IOException)
        {
            return new Status(StatusCode.Unavailable, "Error reading the response: " + exception.Message, exception);
        }
        if (exception is ObjectDisposedException)
        {
            return new Status(StatusCode.Unavailable, "The channel was disposed.", exception);
        }
        return new Status(StatusCode.Internal, "Error in the gRPC call: " + exception.GetType().Name + ": " + exception.Message, exception);
    }

    private static T? Find<T>(Exception? exception) where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T match)
            {
                return match;
            }
        }
        return null;
    }
}
