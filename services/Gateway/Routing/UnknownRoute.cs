using CyberPledge.ServiceDefaults;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Routing;

/// <summary>A path no service behind the gateway serves: UNIMPLEMENTED for a gRPC call (as a server would answer), else 404.</summary>
internal static class UnknownRoute
{
    public static Task Answer(HttpContext context)
    {
        if (GrpcHttp.IsGrpc(context.Request))
        {
            GrpcHttp.WriteTrailersOnly(context.Response, StatusCode.Unimplemented, "no service of this node serves " + context.Request.Path.Value);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Task.CompletedTask;
    }
}
