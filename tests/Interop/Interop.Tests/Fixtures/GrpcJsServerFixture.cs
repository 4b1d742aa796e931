using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>The grpc-js interop server (tests/Interop/js/server.js) as a child process on a free loopback port.</summary>
public sealed class GrpcJsServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private ChildProcess? _server;

    public int Port { get; private set; }

    public async Task InitializeAsync()
    {
        var directory = RepositoryPaths.RequireGrpcJs();
        _server = ChildProcess.Start("node", directory, "server.js", "--port=0");
        Port = await ListeningLine.WaitForPortAsync(_server, StartTimeout);
    }

    /// <summary>What the server wrote, for failure messages.</summary>
    public string Output => _server?.Output ?? "";

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
