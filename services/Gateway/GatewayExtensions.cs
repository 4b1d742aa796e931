using CyberPledge.Gateway.Access;
using CyberPledge.Gateway.Callers;
using CyberPledge.Gateway.Health;
using CyberPledge.Gateway.Hosting;
using CyberPledge.Gateway.Limits;
using CyberPledge.Gateway.Peers;
using CyberPledge.Gateway.Routing;
using CyberPledge.Gateway.Taxii;
using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace CyberPledge.Gateway;

/// <summary>Composes the gateway into a host: <c>AddGateway()</c>, then <c>MapGateway()</c> (docs/gateway.md).</summary>
public static class GatewayExtensions
{
    /// <summary>
    /// Registers the gateway: its HTTPS listener, the registry it follows, caller resolution, forwarded identities,
    /// rate limits, the access log, the node's health and YARP; options from section "Gateway".
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GatewayOptions>()
            .Configure(options =>
            {
                foreach (var (name, address) in GatewayOptions.DefaultBackends)
                {
                    options.Backends[name] = new GatewayBackendOptions { Address = address };
                }
            })
            .Bind(configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, GatewayTls>();
        services.AddTransient<IStartupFilter, AccessLogStartupFilter>();
        services.AddTransient<IStartupFilter, CleartextHealthOnly>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PeerTrust>();
        services.TryAddSingleton<OpenPeerCalls>();
        services.TryAddSingleton<CallerResolver>();
        services.TryAddSingleton<ForwardedIdentity>();
        services.TryAddSingleton<CallerRateLimits>();
        services.TryAddSingleton<ITaxiiCredentialVerifier, PartnersCredentialVerifier>();
        services.TryAddSingleton<TaxiiBasicSignIn>();
        services.TryAddSingleton<RegistryFollower>();
        services.AddHostedService(provider => provider.GetRequiredService<RegistryFollower>());
        services.AddSingleton<IStartupWork>(provider => provider.GetRequiredService<RegistryFollower>());
        services.TryAddSingleton<ReplicaHealth>();
        services.AddSingleton<Yarp.ReverseProxy.Health.IAvailableDestinationsPolicy>(provider => provider.GetRequiredService<ReplicaHealth>());
        services.AddHostedService<NodeHealth>();
        QuietHostingDiagnostics(services, configuration);
        // Paths of no service here fall through to UnknownRoute, which answers anonymous callers too.
        services.Configure<Grpc.AspNetCore.Server.GrpcServiceOptions>(grpc => grpc.IgnoreUnknownServices = true);
        services.AddSingleton<IProxyConfigProvider, GatewayProxyConfig>();
        services.AddReverseProxy().AddTransforms(transforms => transforms.AddResponseTransform(TrailersOnlyResponses.Keep));
        return services;
    }

    // ASP.NET Core starts an Activity and a logging scope for every request while its hosting diagnostics category
    // logs at any level, and the forwarder's HTTP client then adds a second Activity and trace headers per call: a
    // measurable part of a forwarded call (docs/benchmarks.md "Gateway"). The gateway writes its own access log, so
    // that category is off unless the configuration names it. Telemetry listeners still get their activities.
    private static void QuietHostingDiagnostics(IServiceCollection services, IConfiguration configuration)
    {
        const string category = "Microsoft.AspNetCore.Hosting.Diagnostics";
        if (configuration.GetSection("Logging:LogLevel:" + category).Value is null)
        {
            services.Configure<LoggerFilterOptions>(filters => filters.AddFilter(category, LogLevel.None));
        }
    }

    /// <summary>Maps the forwarded routes (each call through <see cref="ForwardedCall"/>) and the answer for unknown paths.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ForwardedCall>();
            proxy.UseLoadBalancing();
        });
        endpoints.MapFallback(UnknownRoute.Answer).AllowAnonymous();
        return endpoints;
    }
}
