using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers and maps the gRPC health service.</summary>
public static class GrpcHealthChecksExtensions
{
    /// <summary>Registers the one <see cref="HealthServiceImpl"/> that holds the statuses; the whole server ("") starts SERVING.</summary>
    public static IServiceCollection AddGrpcHealthChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(_ =>
        {
            var health = new HealthServiceImpl();
            health.SetStatus("", Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving);
            return health;
        });
        return services;
    }

    /// <summary>Maps grpc.health.v1.Health.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder builder) =>
        builder.MapGrpcService<HealthServiceImpl>();
}
