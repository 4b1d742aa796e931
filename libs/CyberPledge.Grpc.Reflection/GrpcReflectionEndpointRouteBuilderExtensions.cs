using Grpc.AspNetCore.Server;
using Grpc.Reflection.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC server reflection.</summary>
public static class GrpcReflectionEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps grpc.reflection.v1.ServerReflection and its pre-release name grpc.reflection.v1alpha.ServerReflection, so
    /// tools such as grpcurl can list the mapped services and fetch their descriptors. Who may call them is the host's
    /// to say, like any service's (<c>.AllowAnonymous()</c>, or the host's default policy).
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Fail at start-up rather than on the first call, whose service could not be activated.
        _ = builder.ServiceProvider.GetService<ReflectionCatalog>()
            ?? throw new InvalidOperationException("Unable to find the required services. Call services.AddGrpcReflection() when configuring the application.");
        return new GrpcServiceEndpointConventionBuilder(
        [
            builder.MapGrpcService<ServerReflectionV1Service>(),
            builder.MapGrpcService<ServerReflectionV1AlphaService>(),
        ]);
    }
}
