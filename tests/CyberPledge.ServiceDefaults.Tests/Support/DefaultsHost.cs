using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.ServiceDefaults.Tests.Support;

/// <summary>A service host built with ServiceDefaults on 127.0.0.1 and a free port, serving the grpc.testing TestService.</summary>
internal sealed class DefaultsHost : IAsyncDisposable
{
    private static readonly TestTokens Tokens = new();

    public static readonly ServiceDescription Description = new("testsvc", "a test service", "http://127.0.0.1:0", "grpc.testing.TestService", []);

    private DefaultsHost(WebApplication app)
    {
        App = app;
        Address = new Uri(app.Urls.First());
        Channel = GrpcChannel.ForAddress(Address);
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    public static async Task<DefaultsHost> StartAsync(Action<WebApplicationBuilder>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddServiceDefaults(Description);
        // Identity must trust someone to start (deny by default); the test service itself allows anonymous calls.
        builder.Services.Configure<CallerIdentityOptions>(Tokens.TrustIn);
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapDefaultEndpoints();
        app.MapGrpcService<TestServiceImpl>();
        await app.StartAsync();
        return new DefaultsHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}
