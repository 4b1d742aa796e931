using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.ServiceDefaults.Readiness;

/// <summary>
/// Answers the service's gRPC calls with UNAVAILABLE while it does not serve (start-up work still running, or
/// stopping), so no call reaches a store that is not open. Health and reflection always pass.
/// </summary>
internal sealed class ReadinessGate(RequestDelegate next, ServiceReadiness readiness)
{
    private static readonly string[] AlwaysOpen = ["/grpc.health.v1.Health/", "/grpc.reflection.v1.ServerReflection/", "/grpc.reflection.v1alpha.ServerReflection/"];

    public Task InvokeAsync(HttpContext context)
    {
        if (readiness.IsServing || !GrpcHttp.IsGrpc(context.Request) || IsAlwaysOpen(context.Request.Path))
        {
            return next(context);
        }

        GrpcHttp.WriteTrailersOnly(context.Response, StatusCode.Unavailable, "the service is starting or stopping");
        return Task.CompletedTask;
    }

    private static bool IsAlwaysOpen(PathString path)
    {
        foreach (var prefix in AlwaysOpen)
        {
            if (path.StartsWithSegments(prefix.TrimEnd('/'), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
