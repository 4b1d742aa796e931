using CyberPledge.Interop.Tests.Infrastructure;
using CyberPledge.Testing;
using Xunit;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>An independent peer's interop server as a child process on a free loopback port; killed on dispose.</summary>
public abstract class PeerServerFixture : IAsyncLifetime
{
    private readonly InteropPeer _peer;
    private ChildProcess? _server;

    private protected PeerServerFixture(InteropPeer peer) => _peer = peer;

    public int Port { get; private set; }

    /// <summary>What the server wrote, for failure messages.</summary>
    public string Output => _server?.Output ?? "";

    public async Task InitializeAsync() => (_server, Port) = await _peer.StartServerAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
