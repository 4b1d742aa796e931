using CyberPledge.ServiceDefaults;
using Yarp.ReverseProxy.Transforms;

namespace CyberPledge.Gateway.Routing;

/// <summary>
/// Keeps a service's Trailers-Only answer Trailers-Only through the proxy. A service that answers a call with a status
/// and nothing else sends one HEADERS frame that ends the stream, with grpc-status in it. Copied as headers followed
/// by an empty body, it would reach the client as response headers and then an end of stream without trailers, which
/// clients such as grpc-js read as "call ended without gRPC status". With no body to copy, the gateway's own response
/// is completed as one HEADERS frame too.
/// </summary>
internal static class TrailersOnlyResponses
{
    public static ValueTask Keep(ResponseTransformContext context)
    {
        if (GrpcHttp.IsGrpc(context.HttpContext.Request) && context.HttpContext.Response.Headers.ContainsKey("grpc-status"))
        {
            context.SuppressResponseBody = true;
        }

        return ValueTask.CompletedTask;
    }
}
