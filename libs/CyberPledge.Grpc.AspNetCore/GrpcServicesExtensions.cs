using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC server.</summary>
public static class GrpcServicesExtensions
{
    /// <summary>Adds gRPC services to the application.</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServiceOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcMarkerService>();
        return new GrpcServerBuilder(services);
    }

    /// <summary>Adds gRPC services to the application and configures their options.</summary>
    public static IGrpcServerBuilder AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(configureOptions);
        var builder = services.AddGrpc();
        services.Configure(configureOptions);
        return builder;
    }

    private sealed class GrpcServerBuilder(IServiceCollection services) : IGrpcServerBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
