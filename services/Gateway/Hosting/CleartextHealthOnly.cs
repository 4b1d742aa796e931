using CyberPledge.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Hosting;

/// <summary>
/// A connection without TLS gets grpc.health.v1 and nothing else. Kubernetes' gRPC probes speak cleartext HTTP/2
/// only, so a deployment gives the gateway a cleartext endpoint for them (docs/deploy.md "Probes"); that endpoint
/// must not become a second door to the node, where tokens would travel unencrypted and no peer certificate exists.
/// </summary>
internal sealed class CleartextHealthOnly : IStartupFilter
{
    private static readonly PathString HealthService = "/grpc.health.v1.Health";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.IsHttps || context.Request.Path.StartsWithSegments(HealthService))
            {
                return nextMiddleware(context);
            }

            if (GrpcHttp.IsGrpc(context.Request))
            {
                GrpcHttp.WriteTrailersOnly(context.Response, StatusCode.PermissionDenied, "this port serves grpc.health.v1 only: call the gateway over HTTPS");
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }

            return Task.CompletedTask;
        });
        next(app);
    };
}
