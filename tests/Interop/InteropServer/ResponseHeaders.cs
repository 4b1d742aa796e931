using CyberPledge.InteropServer.Shared;
using Grpc.Core;

namespace CyberPledge.InteropServer;

/// <summary>
/// What a call sends besides its messages: the interop "Echo Metadata" feature (every method) and the
/// request for compressed responses. Both go in the one response-header write a call is allowed.
/// </summary>
internal static class ResponseHeaders
{
    /// <summary>
    /// Adds an <c>x-grpc-test-echo-trailing-bin</c> request entry to the trailers, and sends the response
    /// headers now when there is something to send: the echoed <c>x-grpc-test-echo-initial</c> entry, or
    /// the request to compress responses. Otherwise it allocates nothing and returns a completed task.
    /// </summary>
    public static Task SendAsync(ServerCallContext context, bool compressResponses = false)
    {
        var requestHeaders = context.RequestHeaders;
        Metadata.Entry? initial = null;
        // Indexed loop: Metadata's enumerator is boxed, and this runs on every call.
        for (var i = 0; i < requestHeaders.Count; i++)
        {
            var entry = requestHeaders[i];
            if (string.Equals(entry.Key, EchoMetadataKeys.Initial, StringComparison.Ordinal))
            {
                initial = entry;
            }
            else if (string.Equals(entry.Key, EchoMetadataKeys.TrailingBinary, StringComparison.Ordinal))
            {
                context.ResponseTrailers.Add(entry);
            }
        }
        if (initial is null && !compressResponses)
        {
            return Task.CompletedTask;
        }
        var headers = new Metadata();
        if (initial is not null)
        {
            headers.Add(initial);
        }
        if (compressResponses)
        {
            headers.Add(ResponseCompression.RequestHeader, ResponseCompression.Encoding);
        }
        return context.WriteResponseHeadersAsync(headers);
    }
}
