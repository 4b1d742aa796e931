using CyberPledge.Indicators;
using CyberPledge.Partners.Preview;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Partners.Tests.Support;

/// <summary>
/// The Partners service composed into a real Kestrel host on 127.0.0.1, trusting a test internal issuer; with
/// <c>withIndicators</c>, an Indicators host beside it (trusting the same issuer) that Preview reads through, and the
/// test evaluator in place of the policy engine. With <c>postgres</c>, the store is that PostgreSQL database (several
/// hosts on one database are replicas).
/// </summary>
internal sealed class PartnersHost : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly List<WebApplication> _apps = [];

    public TestTokens Tokens { get; } = new();

    public GrpcChannel Channel { get; private set; } = null!;

    public GrpcChannel? IndicatorsChannel { get; private set; }

    public string DataDirectory => Path.Combine(_directory.Path, "partners");

    /// <summary>A client that calls with <paramref name="token"/>.</summary>
    public PartnersClient ClientWith(string token) => new(TestTokens.WithToken(Channel.CreateCallInvoker(), token));

    public PartnersClient Admin => ClientWith(Tokens.Admin);

    public PartnersClient Analyst => ClientWith(Tokens.Analyst);

    public PartnersClient Partner(string nation) => ClientWith(Tokens.For(Roles.Partner(nation)));

    public PartnersClient Anonymous => new(Channel);

    /// <summary>An Indicators client as an analyst, to submit what Preview reads.</summary>
    public V1.Indicators.IndicatorsClient Indicators =>
        new(TestTokens.WithToken(IndicatorsChannel!.CreateCallInvoker(), Tokens.Analyst));

    public static async Task<PartnersHost> StartAsync(bool withIndicators = false, string? postgres = null)
    {
        var host = new PartnersHost();
        string? indicatorsAddress = null;
        if (withIndicators)
        {
            var indicators = host.Builder();
            indicators.Services.AddIndicators(options => options.DataDirectory = Path.Combine(host._directory.Path, "indicators"));
            indicatorsAddress = await host.StartAsync(indicators, app => app.MapIndicators());
            host.IndicatorsChannel = GrpcChannel.ForAddress(indicatorsAddress);
        }

        var keyFile = Path.Combine(host._directory.Path, "internal-key.pem");
        await File.WriteAllTextAsync(keyFile, host.Tokens.Internal.ExportPrivateKeyPem());
        var partners = host.Builder();
        partners.Services.AddPartners(options =>
        {
            options.DataDirectory = host.DataDirectory;
            options.IndicatorsAddress = indicatorsAddress ?? PartnersOptions.DefaultIndicatorsAddress;
            options.InternalKeyFile = keyFile;
            if (postgres is not null)
            {
                options.Store = PartnersOptions.PostgresStore;
                options.PostgresConnectionString = postgres;
            }
        });
        if (withIndicators)
        {
            partners.Services.AddSingleton<IAgreementEvaluator, TestEvaluator>();
        }

        host.Channel = GrpcChannel.ForAddress(await host.StartAsync(partners, app => app.MapPartners()));
        return host;
    }

    private WebApplicationBuilder Builder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddCallerIdentity(builder.Configuration, Tokens.TrustIn);
        return builder;
    }

    private async Task<string> StartAsync(WebApplicationBuilder builder, Action<WebApplication> map)
    {
        var app = builder.Build();
        _apps.Add(app);
        app.UseCallerIdentity();
        map(app);
        await app.StartAsync();
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    public async ValueTask DisposeAsync()
    {
        Channel?.Dispose();
        IndicatorsChannel?.Dispose();
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _directory.Dispose();
        Tokens.Dispose();
    }
}
