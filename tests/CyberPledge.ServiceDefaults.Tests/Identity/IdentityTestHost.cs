using System.Net;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Grpc.Net.Client;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>A real Kestrel host on 127.0.0.1 (cleartext HTTP/2) serving <see cref="GuardedTestService"/> behind AddCallerIdentity.</summary>
public sealed class IdentityTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private IdentityTestHost(WebApplication app, ErrorLog warnings)
    {
        _app = app;
        Warnings = warnings;
        _channel = GrpcChannel.ForAddress(app.Urls.First());
        Client = new TestService.TestServiceClient(_channel);
    }

    public TestService.TestServiceClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Warnings and errors the host logged.</summary>
    public ErrorLog Warnings { get; }

    public static async Task<IdentityTestHost> StartAsync(Action<CallerIdentityOptions>? configure,
        string environment = "Production", IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();
        var warnings = new ErrorLog(LogLevel.Warning);
        builder.Logging.AddProvider(warnings);
        builder.WebHost.ConfigureKestrel(options =>
            options.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddCallerIdentity(builder.Configuration, configure);
        var app = builder.Build();
        app.UseCallerIdentity();
        app.MapGrpcService<GuardedTestService>();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return new IdentityTestHost(app, warnings);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>An IHostEnvironment for the unit tests that need one.</summary>
internal sealed class FakeHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "tests";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
        new Microsoft.Extensions.FileProviders.NullFileProvider();
}
