using CyberPledge.Federation.Grpc;
using CyberPledge.Federation.Links;
using CyberPledge.Federation.Links.Audit;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Serving.Feed;
using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Storage.Postgres;
using CyberPledge.Federation.Taxii;
using CyberPledge.Federation.Taxii.Connector;
using CyberPledge.Federation.Taxii.Import;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation;

/// <summary>Composes the Federation service into a host: <c>AddFederation()</c>, then <c>MapFederation()</c> and <c>MapTaxii()</c>.</summary>
public static class FederationExtensions
{
    /// <summary>Registers the service; options from section "Federation".</summary>
    public static IServiceCollection AddFederation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<FederationOptions>(configuration, FederationOptions.SectionName, options => options.Validate());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<NodeServices>();
        services.TryAddSingleton<NodeSelf>();
        services.AddSingleton<IStartupWork>(provider => provider.GetRequiredService<NodeSelf>());
        AddFollower<PeerDirectory>(services);
        AddFollower<AgreementDirectory>(services);
        services.TryAddSingleton<IFederationStore>(OpenStore);
        services.AddStartupWork<FederationStoreStartup>();
        services.TryAddSingleton<LinkBoard>();
        AddServing(services);
        AddLinks(services, configuration);
        AddTaxii(services);
        services.AddGrpc();
        return services;
    }

    /// <summary>Maps the gRPC service.</summary>
    public static IEndpointConventionBuilder MapFederation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGrpcService<FederationGrpcService>();
    }

    /// <summary>
    /// Maps the TAXII 2.1 server (docs/taxii.md) under <c>/taxii2/</c>: this node's indicators as STIX 2.1, per caller as
    /// its agreements say, reached through the node's gateway like the gRPC surface.
    /// </summary>
    public static IEndpointConventionBuilder MapTaxii(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return TaxiiEndpoints.Map(endpoints);
    }

    /// <summary>The TAXII server (Taxii/): its collections, tokens and pages, and who may call it (SECURITY.md rule 1).</summary>
    private static void AddTaxii(IServiceCollection services)
    {
        services.TryAddSingleton<TaxiiTokens>();
        services.TryAddSingleton<TaxiiCollections>();
        services.TryAddSingleton<CollectionScan>();
        services.TryAddSingleton<TaxiiPager>();
        services.TryAddSingleton<IStixImporter>(provider => new StixImporter(provider.GetRequiredService<NodeServices>().Indicators));
        services.TryAddSingleton<TaxiiImports>();
        services.AddHostedService<TaxiiImportRunner>();
        AddTaxiiConnector(services);
        services.AddAuthorization(options => options.AddPolicy(TaxiiEndpoints.Policy,
            policy => policy.RequireRolePattern(Roles.Admin, Roles.Analyst, Roles.PartnerPrefix + "*", Roles.NodePrefix + "*")));
    }

    /// <summary>The TAXII connector (Taxii/Connector): the sources administrators add and one poller per source.</summary>
    private static void AddTaxiiConnector(IServiceCollection services)
    {
        services.TryAddSingleton<TaxiiCredentialSealer>();
        services.TryAddSingleton<TaxiiSourcePoll>();
        services.TryAddSingleton<TaxiiConnector>();
        services.AddHostedService(provider => provider.GetRequiredService<TaxiiConnector>());
        services.TryAddSingleton<TaxiiSources>();
        services.TryAddSingleton<TaxiiAuditLog>();
        services.TryAddSingleton<ITaxiiAuditSink, PartnersTaxiiAuditSink>();
    }

    /// <summary>The feed this node gives (Serving/): the stream, its policy, cursors, outbound links and the share audit.</summary>
    private static void AddServing(IServiceCollection services)
    {
        services.TryAddSingleton<FeedPolicy>();
        services.TryAddSingleton<CursorSealer>();
        services.TryAddSingleton<OutboundLinks>();
        services.TryAddSingleton<SharedFeed>();
        services.TryAddSingleton<IShareAuditSink, PartnersShareAuditSink>();
        services.TryAddSingleton<ShareAudit>();
        services.AddHostedService(provider => provider.GetRequiredService<ShareAudit>());
        services.TryAddSingleton<FeedServer>();
    }

    /// <summary>The inbound links (Links/): one worker per peer with a gateway, options from "Federation:Links".</summary>
    private static void AddLinks(IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<InboundLinkOptions>(configuration, InboundLinkOptions.SectionName, options => options.Validate());
        services.TryAddSingleton<InboundChecks>();
        services.TryAddSingleton<IForeignVersionApplier, IndicatorsApplier>();
        services.TryAddSingleton<LinkWithdrawals>();
        services.TryAddSingleton<LinkChannels>();
        services.TryAddSingleton<OriginQuotas>();
        services.TryAddSingleton<ILinkAuditSink, PartnersLinkAuditSink>();
        // Registered before the supervisor, so it stops after the links and takes their last events.
        services.TryAddSingleton<LinkAudit>();
        services.AddHostedService(provider => provider.GetRequiredService<LinkAudit>());
        services.TryAddSingleton<LinkServices>();
        services.TryAddSingleton<LinkSupervisor>();
        services.AddHostedService(provider => provider.GetRequiredService<LinkSupervisor>());
    }

    /// <summary>The store the options name; it opens as start-up work (<see cref="FederationStoreStartup"/>).</summary>
    private static IFederationStore OpenStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<FederationOptions>>().Value;
        return options.UsesSqlite
            ? new SqliteFederationStore(options.ResolvedDataDirectory())
            : new PostgresFederationStore(options.PostgresConnectionString);
    }

    /// <summary>A follower of another service's stream: one instance, run as a hosted service and awaited at start-up.</summary>
    private static void AddFollower<T>(IServiceCollection services)
        where T : class, Microsoft.Extensions.Hosting.IHostedService, IStartupWork
    {
        services.TryAddSingleton<T>();
        services.AddHostedService(provider => provider.GetRequiredService<T>());
        services.AddSingleton<IStartupWork>(provider => provider.GetRequiredService<T>());
    }
}
