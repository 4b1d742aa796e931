using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Storage;
using CyberPledge.Indicators;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// One node's Federation service composed in process on 127.0.0.1 with a real Indicators service beside it (node
/// NLD/hague, on the system clock) and a fake Partners (the agreements the test sets). Federation runs on a
/// <see cref="ManualTimeProvider"/> set to the real time at start, so embargoes and checkpoints move when the test says.
/// </summary>
internal sealed class FeedHost : IAsyncDisposable
{
    public const string Nation = "NLD";
    public const string NodeId = "hague";

    private readonly TemporaryDirectory _directory = new();
    private readonly List<WebApplication> _apps = [];
    private readonly List<GrpcChannel> _channels = [];

    private FeedHost()
    {
        Time.Advance(DateTimeOffset.UtcNow - Time.GetUtcNow());
    }

    public TestTokens Tokens { get; } = new();

    public ManualTimeProvider Time { get; } = new();

    public FakePartners Partners { get; } = new();

    public MemoryFederationStore Store { get; } = new();

    public RecordingShareAuditSink Audit { get; } = new();

    public GrpcChannel IndicatorsChannel { get; private set; } = null!;

    public GrpcChannel FederationChannel { get; private set; } = null!;

    /// <summary>A service of the Federation host.</summary>
    public T Service<T>()
        where T : notnull => _apps[^1].Services.GetRequiredService<T>();

    /// <summary>An analyst of this node, to submit.</summary>
    public V1.Indicators.IndicatorsClient Indicators => new(TestTokens.WithToken(IndicatorsChannel.CreateCallInvoker(), Tokens.Analyst));

    /// <summary>This node's Federation service, to apply foreign versions.</summary>
    public V1.Indicators.IndicatorsClient IndicatorsAsFederation => new(TestTokens.WithToken(IndicatorsChannel.CreateCallInvoker(), Tokens.Federation));

    /// <summary>A peer node of <paramref name="nation"/> (as the gateway forwards it), its token long-lived so the manual clock can move.</summary>
    public V1.Federation.FederationClient Peer(string nation) => ClientFor(Roles.Node(nation, nation.ToLowerInvariant() + "-1"));

    public V1.Federation.FederationClient ClientFor(params string[] roles) =>
        new(TestTokens.WithToken(FederationChannel.CreateCallInvoker(), Tokens.Internal.Mint("test-peer", roles, TestTokens.Audience, TimeSpan.FromDays(2))));

    public static async Task<FeedHost> StartAsync(params SharingAgreement[] agreements)
    {
        var host = new FeedHost();
        foreach (var agreement in agreements)
        {
            host.Partners.Set(agreement);
        }

        await host.StartServicesAsync();
        return host;
    }

    private async Task StartServicesAsync()
    {
        var indicators = Builder();
        indicators.Services.AddCallerIdentity(indicators.Configuration, Tokens.TrustIn);
        indicators.Services.AddIndicators(options =>
        {
            options.DataDirectory = Path.Combine(_directory.Path, "indicators");
            options.Nation = Nation;
            options.NodeId = NodeId;
        });
        var indicatorsAddress = await StartAsync(indicators, app =>
        {
            app.UseCallerIdentity();
            app.MapIndicators();
        });
        IndicatorsChannel = Channel(indicatorsAddress);

        var partners = Builder();
        partners.Services.AddGrpc();
        partners.Services.AddSingleton(Partners);
        var partnersAddress = await StartAsync(partners, app => app.MapGrpcService<FakePartners>());

        var keyFile = Path.Combine(_directory.Path, "internal-key.pem");
        await File.WriteAllTextAsync(keyFile, Tokens.Internal.ExportPrivateKeyPem());
        // Links are not used here: the node certificate files need only exist.
        var certFile = Path.Combine(_directory.Path, "node.crt");
        await File.WriteAllTextAsync(certFile, "unused");
        var federation = Builder();
        federation.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Federation:DataDirectory"] = Path.Combine(_directory.Path, "federation"),
            ["Federation:IndicatorsAddress"] = indicatorsAddress,
            ["Federation:PartnersAddress"] = partnersAddress,
            ["Federation:InternalKeyFile"] = keyFile,
            ["Federation:InternalIssuer"] = Tokens.Internal.Issuer,
            ["Federation:CertificateFile"] = certFile,
            ["Federation:KeyFile"] = certFile,
        });
        federation.Services.AddSingleton<TimeProvider>(Time);
        federation.Services.AddCallerIdentity(federation.Configuration, Tokens.TrustIn);
        federation.Services.AddFederation(federation.Configuration);
        federation.Services.Replace(ServiceDescriptor.Singleton<IFederationStore>(Store));
        federation.Services.Replace(ServiceDescriptor.Singleton<IShareAuditSink>(Audit));
        var app = federation.Build();
        _apps.Add(app);
        app.UseCallerIdentity();
        app.MapFederation();
        await app.StartAsync();
        foreach (var work in app.Services.GetServices<IStartupWork>())
        {
            await work.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }

        FederationChannel = Channel(Address(app));
    }

    private static WebApplicationBuilder Builder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        return builder;
    }

    private async Task<string> StartAsync(WebApplicationBuilder builder, Action<WebApplication> map)
    {
        var app = builder.Build();
        _apps.Add(app);
        map(app);
        await app.StartAsync();
        return Address(app);
    }

    private static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();

    private GrpcChannel Channel(string address)
    {
        var channel = GrpcChannel.ForAddress(address);
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _directory.Dispose();
        Tokens.Dispose();
    }
}
