using Grpc.AspNetCore.Server;
using Grpc.Reflection.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers gRPC server reflection.</summary>
public static class GrpcReflectionServiceExtensions
{
    /// <summary>
    /// Adds what the reflection services need: the descriptors of every service mapped with MapGrpcService, read from
    /// their generated code. Call AddGrpc() too, and map the services with MapGrpcReflectionService().
    /// </summary>
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<ReflectionCatalog>();
        return services;
    }

    /// <summary>Adds gRPC server reflection; see <see cref="AddGrpcReflection(IServiceCollection)"/>.</summary>
    public static IGrpcServerBuilder AddGrpcReflection(this IGrpcServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGrpcReflection();
        return builder;
    }
}
