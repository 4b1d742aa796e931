using CyberPledge.Indicators.Grpc;
using CyberPledge.Indicators.Hosting;
using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.Storage.Postgres;
using CyberPledge.Indicators.WarningLists;
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
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<IndicatorLedger>(),
            ForeignScreening.Create(provider.GetRequiredService<IOptions<IndicatorsOptions>>().Value, DataDirectory(provider))));
        // Submit's documented maximum batch must fit the receive limit (4 MiB by default).
        services.AddGrpc(grpc => grpc.MaxReceiveMessageSize = grpc.MaxReceiveMessageSize is { } limit
            ? Math.Max(limit, IndicatorLedger.MaxSubmitRequestBytes)
            : null);
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
            var requested = new NodeOrigin(options.Nation, options.NodeId);
            var pinned = store.PinOrigin(requested);
            if (pinned != requested && !(pinned.NodeId == requested.NodeId && NationCodes.AreSameNation(pinned.Nation, requested.Nation)))
            {
                // One store, one origin: another identity would fork it (duplicates on resubmit, its own indicators no
                // longer its own, one key signing for two origins). A store pinned to an alpha-2 code keeps it (Decision 8).
                throw new InvalidOperationException(
                    $"the indicator store in {StoreLocation(provider, options)} belongs to origin {pinned.Nation}/{pinned.NodeId}, " +
                    $"but this start asks for {requested.Nation}/{requested.NodeId} (--nation, --node-id): start with the store's origin, or use another store");
            }

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

    private static string StoreLocation(IServiceProvider provider, IndicatorsOptions options) =>
        string.Equals(options.Store, IndicatorsOptions.SqliteStore, StringComparison.OrdinalIgnoreCase)
            ? DataDirectory(provider)
            : "the PostgreSQL database";

    private static string DataDirectory(IServiceProvider provider)
    {
        var directory = provider.GetRequiredService<IOptions<IndicatorsOptions>>().Value.ResolvedDataDirectory();
        Directory.CreateDirectory(directory);
        return directory;
    }
}
