using System.Diagnostics;
using CyberPledge.Gateway.Callers;
using CyberPledge.Gateway.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Gateway.Access;

/// <summary>
/// One structured line per call through the gateway: caller, method, status, duration and bytes each way (as
/// forwarded; the gateway's own short answers count none). Never a token, a header value or a message: the caller is
/// its verified subject, the method the request path.
/// </summary>
internal sealed partial class AccessLog(RequestDelegate next, ILogger<AccessLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var requestBytes = context.Request.Body is GrpcMessageLimitStream limited ? limited.BytesRead : context.Request.ContentLength ?? 0;
            LogCall(
                logger,
                context.Features.Get<GatewayCaller>()?.Subject ?? "-",
                context.Request.Path.Value ?? "",
                StatusOf(context),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                requestBytes,
                context.Features.Get<CountingStream>()?.BytesWritten ?? 0,
                context.Connection.RemoteIpAddress?.ToString() ?? "-");
        }
    }

    /// <summary>The gRPC status (from the trailers, or the headers of a Trailers-Only answer), else the HTTP status.</summary>
    private static string StatusOf(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        if (trailers is not null && trailers.TryGetValue("grpc-status", out var status))
        {
            return "grpc " + status.ToString();
        }

        if (context.Response.Headers.TryGetValue("grpc-status", out status))
        {
            return "grpc " + status.ToString();
        }

        return context.RequestAborted.IsCancellationRequested ? "aborted" : "http " + context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "call caller={Caller} method={Method} status={Status} duration_ms={DurationMs:F2} bytes_in={BytesIn} bytes_out={BytesOut} remote={Remote}")]
    private static partial void LogCall(ILogger logger, string caller, string method, string status, double durationMs, long bytesIn, long bytesOut, string remote);
}
