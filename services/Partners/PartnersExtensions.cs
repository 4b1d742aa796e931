using CyberPledge.Partners.Agreements;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Hosting;
using CyberPledge.Partners.Peers;
using CyberPledge.Partners.Preview;
using CyberPledge.Partners.Storage;
using CyberPledge.Partners.Storage.Postgres;
using CyberPledge.Partners.Taxii;
using CyberPledge.ServiceDefaults;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyberPledge.Partners;

/// <summary>Composes the Partners service into a host: <c>AddPartners()</c>, then <c>MapPartners()</c>.</summary>
public static class PartnersExtensions
{
    /// <summary>Registers the store, the registry, the agreements, Preview and gRPC; options from section "Partners".</summary>
    public static IServiceCollection AddPartners(this IServiceCollection services, IConfiguration configuration) =>
        services.AddPartners(options => configuration.GetSection(PartnersOptions.SectionName).Bind(options));

    /// <summary>
    /// Registers the store, the registry, the agreements, Preview and gRPC. The policy engine behind Preview and
    /// Explain is the host's to register (until it does, they answer UNIMPLEMENTED).
    /// </summary>
    public static IServiceCollection AddPartners(this IServiceCollection services, Action<PartnersOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PartnersOptions>().Configure(configure);
        services.AddSettingsValidation<PartnersOptions>(options => options.Validate());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnersOptions>, InternalKeyCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PartnersOptions>, TaxiiIterationsCheck>());
        services.AddStartupWork<PartnerStoreStartup>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(OpenStore);
        services.TryAddSingleton<PeerRegistry>();
        services.TryAddSingleton<PeerWatch>();
        services.TryAddSingleton<AgreementBook>();
        services.TryAddSingleton<AgreementWatch>();
        services.TryAddSingleton<IndicatorsConnection>();
        services.TryAddSingleton<PreviewRunner>();
        services.TryAddSingleton<Explainer>();
        services.TryAddSingleton<TaxiiCredentialBook>();
        services.TryAddSingleton<IAgreementEvaluator, PolicyEvaluator>();
        services.Configure<AuthorizationOptions>(PartnersPolicies.Register);
        services.AddGrpc();
        return services;
    }

    /// <summary>Maps the gRPC service. The store opens as start-up work (ServiceDefaults), or on the first call in a host without it.</summary>
    public static IEndpointConventionBuilder MapPartners(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<PartnersGrpcService>();
    }

    private static IPartnerStore OpenStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<PartnersOptions>>().Value;
        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("CyberPledge.Partners.Storage");
        // The settings were validated at start (PartnersOptions.Validate).
        return options.UsesSqlite
            ? SqlitePartnerStore.Open(options.ResolvedDataDirectory(), timeProvider, logger)
            : PostgresPartnerStore.Open(options.PostgresConnectionString, timeProvider, logger);
    }
}
