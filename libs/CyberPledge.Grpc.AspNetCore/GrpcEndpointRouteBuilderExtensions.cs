using System.Reflection;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps gRPC services to endpoints.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every method of <typeparamref name="TService"/> (a class deriving from a generated service base) to a POST
    /// endpoint at <c>/package.Service/Method</c>. Attributes on the class and its methods (e.g. [Authorize]) become endpoint metadata.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder builder) where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.ServiceProvider;
        var marker = services.GetService<GrpcMarkerService>()
            ?? throw new InvalidOperationException("Unable to find the required services. Call services.AddGrpc() when configuring the application.");
        var serviceOptions = services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value;
        var options = new ServerOptions(serviceOptions);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Grpc.AspNetCore.Server.ServerCallHandler");
        var binder = new ServiceMethodBinder<TService>(options, logger, services.GetRequiredService<TimeProvider>());
        marker.AddMappedService(binder.BindAll());

        var classAttributes = typeof(TService).GetCustomAttributes(inherit: true);
        var conventionBuilders = new List<IEndpointConventionBuilder>();
        foreach (var registration in binder.Registrations)
        {
            var endpoint = builder.MapPost(registration.Method.FullName, registration.RequestDelegate)
                .WithDisplayName($"gRPC - {registration.Method.FullName}")
                .WithMetadata(registration.Method);
            // Class attributes first, so a method's own attributes (e.g. [AllowAnonymous]) override them.
            endpoint.WithMetadata(classAttributes);
            endpoint.WithMetadata(registration.Implementation.GetCustomAttributes(inherit: true));
            conventionBuilders.Add(endpoint);
        }

        var serviceNames = binder.Registrations.Select(r => r.Method.ServiceName).Distinct(StringComparer.Ordinal);
        foreach (var serviceName in serviceNames)
        {
            builder.MapPost($"/{serviceName}/{{{UnimplementedCalls.MethodParameter}}}", UnimplementedCalls.Handler("Method is unimplemented.", logger))
                .WithDisplayName($"gRPC - unimplemented method of {serviceName}");
        }
        if (!marker.UnimplementedServiceMapped && !(serviceOptions.IgnoreUnknownServices ?? false))
        {
            marker.UnimplementedServiceMapped = true;
            var pattern = RoutePatternFactory.Parse(
                $"/{{{UnimplementedCalls.ServiceParameter}}}/{{{UnimplementedCalls.MethodParameter}}}",
                defaults: null,
                parameterPolicies: new RouteValueDictionary { [UnimplementedCalls.MethodParameter] = new UnimplementedCalls.GrpcContentTypeConstraint() });
            builder.Map(pattern, UnimplementedCalls.Handler("Service is unimplemented.", logger))
                .WithMetadata(new HttpMethodMetadata(["POST"]))
                .WithDisplayName("gRPC - unimplemented service");
        }
        return new GrpcServiceEndpointConventionBuilder(conventionBuilders);
    }
}
