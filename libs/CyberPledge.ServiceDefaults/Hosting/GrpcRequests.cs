using Microsoft.AspNetCore.Http;

namespace CyberPledge.ServiceDefaults.Hosting;

/// <summary>Which requests are gRPC calls (application/grpc, with or without +proto and the like).</summary>
internal static class GrpcRequests
{
    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
