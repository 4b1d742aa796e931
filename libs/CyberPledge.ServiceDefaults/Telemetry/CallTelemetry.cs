using System.Diagnostics;
using System.Diagnostics.Metrics;
using CyberPledge.ServiceDefaults.Hosting;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CyberPledge.ServiceDefaults.Telemetry;

/// <summary>
/// One server span and two instruments per gRPC call: <c>rpc.server.calls</c> (by method and status) and
/// <c>rpc.server.duration</c> (milliseconds). The span is created only when something listens (an exporter is
/// configured), so an unexported service pays one check per call.
/// </summary>
internal sealed class CallTelemetry(RequestDelegate next)
{
    private static readonly ActivitySource Source = new(ServiceTelemetry.RpcName);
    private static readonly Meter Meter = new(ServiceTelemetry.RpcName);
    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("rpc.server.calls", "{call}", "gRPC calls served");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("rpc.server.duration", "ms", "Time from request headers to the call's status");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!GrpcHttp.IsGrpc(context.Request))
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = Source.HasListeners() ? StartActivity(context) : null;
        try
        {
            await next(context);
        }
        finally
        {
            var method = context.GetEndpoint()?.Metadata.GetMetadata<IMethod>()?.FullName ?? "unknown";
            var status = StatusOf(context);
            var tags = new TagList { { "rpc.method", method }, { "rpc.grpc.status_code", status } };
            Calls.Add(1, tags);
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, tags);
            if (activity is not null)
            {
                activity.DisplayName = method;
                activity.SetTag("rpc.system", "grpc");
                activity.SetTag("rpc.method", method);
                activity.SetTag("rpc.grpc.status_code", status);
                if (status != 0)
                {
                    activity.SetStatus(ActivityStatusCode.Error);
                }
            }
        }
    }

    private static Activity? StartActivity(HttpContext context)
    {
        var traceParent = context.Request.Headers.TryGetValue("traceparent", out var value) ? value.ToString() : null;
        if (ActivityContext.TryParse(traceParent, context.Request.Headers["tracestate"].ToString(), isRemote: true, out var parent))
        {
            return Source.StartActivity(context.Request.Path.Value ?? "grpc", ActivityKind.Server, parent);
        }

        // The caller sent no trace context: this call starts a trace, whatever the host's own request activity is
        // (an async method's change of Activity.Current flows to the handler only, not back to the caller).
        Activity.Current = null;
        return Source.StartActivity(context.Request.Path.Value ?? "grpc", ActivityKind.Server);
    }

    /// <summary>The call's grpc-status (trailers, or headers for Trailers-Only); an HTTP-level refusal maps as clients map it.</summary>
    private static int StatusOf(HttpContext context)
    {
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        var text = trailers?["grpc-status"].ToString();
        if (string.IsNullOrEmpty(text))
        {
            text = context.Response.Headers["grpc-status"].ToString();
        }

        if (int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var code))
        {
            return code;
        }

        return context.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => (int)StatusCode.Unauthenticated,
            StatusCodes.Status403Forbidden => (int)StatusCode.PermissionDenied,
            StatusCodes.Status404NotFound => (int)StatusCode.Unimplemented,
            _ => (int)StatusCode.Unknown,
        };
    }
}
