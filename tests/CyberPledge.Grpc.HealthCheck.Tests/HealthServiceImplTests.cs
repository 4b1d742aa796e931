using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.Grpc.HealthCheck.Tests;

/// <summary>grpc.health.v1.Health served on a real Kestrel and called with the project's client.</summary>
public sealed class HealthServiceImplTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private GrpcChannel _channel = null!;

    private Health.HealthClient Client => new(_channel);

    private HealthServiceImpl Service => _app.Services.GetRequiredService<HealthServiceImpl>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        _app = builder.Build();
        _app.MapGrpcHealthChecksService();
        await _app.StartAsync();
        _channel = GrpcChannel.ForAddress(_app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Check_WholeServer_ServingByDefault()
    {
        var response = await Client.CheckAsync(new HealthCheckRequest());

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Check_UnknownService_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.CheckAsync(new HealthCheckRequest { Service = "cyberpledge.v1.Nope" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Check_ServiceSetNotServing_ReportsIt()
    {
        Service.SetStatus("cyberpledge.v1.Indicators", ServingStatus.NotServing);

        var response = await Client.CheckAsync(new HealthCheckRequest { Service = "cyberpledge.v1.Indicators" });

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Watch_SendsCurrentThenEveryChange()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = Client.Watch(new HealthCheckRequest { Service = "watched" }, cancellationToken: cancel.Token);
        var stream = call.ResponseStream;

        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);

        Service.SetStatus("watched", ServingStatus.Serving);
        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.Serving, stream.Current.Status);

        Service.SetStatus("watched", ServingStatus.NotServing);
        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.NotServing, stream.Current.Status);

        Service.ClearStatus("watched");
        Assert.True(await stream.MoveNext(cancel.Token));
        Assert.Equal(ServingStatus.ServiceUnknown, stream.Current.Status);
    }

    [Fact]
    public async Task Watch_ClientCancels_WatcherIsRemoved()
    {
        using (var cancel = new CancellationTokenSource())
        {
            using var call = Client.Watch(new HealthCheckRequest { Service = "gone" }, cancellationToken: cancel.Token);
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            await cancel.CancelAsync();
        }

        // The server keeps answering and a later watcher still works.
        Service.SetStatus("gone", ServingStatus.Serving);
        var response = await Client.CheckAsync(new HealthCheckRequest { Service = "gone" });
        Assert.Equal(ServingStatus.Serving, response.Status);
    }
}
