using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;

/// <summary>One server with the scripted test service and a 1 KiB receive limit, shared by a test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public const int MaxReceiveMessageSize = 1024;

    private TestServer? _server;

    public CallObserver Observer { get; } = new();

    public RawGrpcClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(
            services =>
            {
                services.AddSingleton(Observer);
                services.AddGrpc(o =>
                {
                    o.MaxReceiveMessageSize = MaxReceiveMessageSize;
                    o.MaxSendMessageSize = 64 * 1024;
                });
            },
            app => app.MapGrpcService<ScriptedTestService>());
        Client = new RawGrpcClient(_server.Address);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
