using CyberPledge.Indicators.Grpc;
using CyberPledge.Indicators.Hosting;
using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.Storage.Postgres;
using CyberPledge.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using CyberPledge.ServiceDefaults;

namespace CyberPledge.Indicators;

/// <summary>Composes the Indicators service into a host: <c>AddIndicators()</c>, then <c>MapIndicators()</c>.</summary>
public static class IndicatorsExtensions
{
    /// <summary>Registers the store, the signing key, the ledger, gRPC and the federation policy; options from section "Indicators".</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services, IConfiguration configuration) =>
        services.AddIndicators(options => configuration.GetSection(IndicatorsOptions.SectionName).Bind(options));

    /// <summary>Registers the store, the signing key, the ledger, gRPC and the federation policy.</summary>
    public static IServiceCollection AddIndicators(this IServiceCollection services, Action<IndicatorsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<IndicatorsOptions>()
            .Configure(configure)
            .PostConfigure(options => options.Nation = NationCodes.TryNormalize(options.Nation, out var alpha3) ? alpha3 : options.Nation);
        services.AddSettingsValidation<IndicatorsOptions>(options => options.Validate());
        services.AddStartupWork<IndicatorStoreStartup>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => NodeSigningKey.LoadOrCreate(DataDirectory(provider)));
        services.TryAddSingleton(_ => new IndicatorSignatureVerifier(new VerifiedBatchCache()));
        services.TryAddSingleton(OpenStore);
        services.TryAddSingleton(provider => new IndicatorLedger(
            provider.GetRequiredService<IIndicatorStore>(),
            provider.GetRequiredService<NodeSigningKey>(),
            provider.GetRequiredService<IndicatorSignatureVerifier>(),
            provider.GetRequiredService<IOptions<IndicatorsOptions>>().Value,
            provider.GetRequiredService<TimeProvider>()));
        services.AddGrpc();
        return services;
    }

    /// <summary>Maps the gRPC service. The store opens as start-up work (ServiceDefaults), or on the first call in a host without it.</summary>
    public static IEndpointConventionBuilder MapIndicators(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<IndicatorsGrpcService>();
    }

    /// <summary>Opens the configured store and pins the configured origin to it (DESIGN.md, decision 17): the store's <see cref="IIndicatorStore.PinnedOrigin"/>.</summary>
    private static IIndicatorStore OpenStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<IndicatorsOptions>>().Value;
        var store = OpenConfiguredStore(provider, options);
        try
        {
            store.PinOrigin(new NodeOrigin(options.Nation, options.NodeId));
            return store;
        }
        catch
        {
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    private static IIndicatorStore OpenConfiguredStore(IServiceProvider provider, IndicatorsOptions options)
    {
        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("CyberPledge.Indicators.Storage");
        // The settings were validated at start (IndicatorsOptions.Validate).
        if (string.Equals(options.Store, IndicatorsOptions.SqliteStore, StringComparison.OrdinalIgnoreCase))
        {
            return SqliteIndicatorStore.Open(DataDirectory(provider), timeProvider, logger);
        }

        return PostgresIndicatorStore.Open(options.PostgresConnectionString, timeProvider, logger);
    }

    private static string DataDirectory(IServiceProvider provider)
    {
        var directory = provider.GetRequiredService<IOptions<IndicatorsOptions>>().Value.ResolvedDataDirectory();
        Directory.CreateDirectory(directory);
        return directory;
    }
}
