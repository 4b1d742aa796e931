using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.ServiceDefaults;

/// <summary>
/// gRPC as seen from HTTP middleware, which answers some calls before any service does (a readiness gate, the
/// gateway's refusals): which requests are gRPC calls, and a status answered the protocol's way.
/// </summary>
public static class GrpcHttp
{
    /// <summary>Whether the request is a gRPC call (application/grpc, with or without +proto and the like).</summary>
    public static bool IsGrpc(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
    }

    /// <summary>
    /// Answers a call that has not started its response with a Trailers-Only response: HTTP 200 and the status in the
    /// headers, no body (gRPC over HTTP/2), so every client reads <paramref name="code"/>, not an HTTP error.
    /// </summary>
    public static void WriteTrailersOnly(HttpResponse response, StatusCode code, string message)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = EncodeMessage(message);
    }

    // The messages answered here are the project's own ASCII text; anything else a caller put in them (a path) is
    // replaced rather than percent-encoded, which the runtime does for the services' statuses.
    private static string EncodeMessage(string message) =>
        string.Create(message.Length, message, static (span, text) =>
        {
            for (var i = 0; i < text.Length; i++)
            {
                span[i] = text[i] is < ' ' or > '~' or '%' ? '?' : text[i];
            }
        });
}
