using System.Net;
using CyberPledge.Testing;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CyberPledge.Grpc.Reflection.Tests.Infrastructure;

/// <summary>
/// A real Kestrel on 127.0.0.1 that maps grpc.testing.TestService, grpc.health.v1.Health, the reflection probe and
/// reflection, like a node: every endpoint requires an authenticated caller unless it allows anonymous ones.
/// </summary>
public sealed class ReflectionServer : IAsyncLifetime
{
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    public GrpcChannel Channel { get; private set; } = null!;

    /// <summary>Errors the server logged: none is expected.</summary>
    public ErrorLog Errors { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(Errors);
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        builder.Services.AddGrpcReflection();
        builder.Services.AddAuthentication(TestUserAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestUserAuthenticationHandler>(TestUserAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseAuthorization();
        _app.MapGrpcService<UnaryTestService>();
        _app.MapGrpcHealthChecksService();
        _app.MapGrpcService<ReflectionProbeService>();
        _app.MapGrpcReflectionService().AllowAnonymous();
        await _app.StartAsync();
        Address = new Uri(_app.Urls.First());
        Channel = GrpcChannel.ForAddress(Address);
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        using var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stopTimeout.Token);
        await _app.DisposeAsync();
    }
}
