using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;
using CyberPledge.Testing;
using Grpc.Net.Client;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>The service composed into a real Kestrel host on 127.0.0.1 (a free port), with a generated client.</summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private WebApplication _app = null!;

    /// <summary>The node's internal issuer, made for this host: it mints a token for any role.</summary>
    public TestTokens Tokens { get; } = new();

    /// <summary>A client that calls as an analyst of this nation.</summary>
    public IndicatorsClient Client { get; private set; } = null!;

    /// <summary>A client that sends no token.</summary>
    public IndicatorsClient Anonymous => new(Channel);

    /// <summary>A client that calls with <paramref name="token"/>.</summary>
    public IndicatorsClient ClientWith(string token) => new(TestTokens.WithToken(Channel.CreateCallInvoker(), token));

    public GrpcChannel Channel { get; private set; } = null!;

    public static async Task<InProcessHost> StartAsync()
    {
        var host = new InProcessHost();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddIndicators(options =>
        {
            options.DataDirectory = host._directory.Path;
            options.Nation = "XXX";
            options.NodeId = "node-1";
        });
        builder.Services.AddCallerIdentity(builder.Configuration, host.Tokens.TrustIn);
        host._app = builder.Build();
        host._app.UseCallerIdentity();
        host._app.MapIndicators();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        host.Channel = GrpcChannel.ForAddress(address);
        host.Client = host.ClientWith(host.Tokens.Analyst);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
        Tokens.Dispose();
    }
}
