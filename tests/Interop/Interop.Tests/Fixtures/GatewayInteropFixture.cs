using System.Globalization;
using CyberPledge.Testing.Nodes;
using Xunit;

namespace CyberPledge.Interop.Tests.Fixtures;

/// <summary>
/// Our interop server (cleartext, in-process) behind a node's gateway: the gateway runs in Development so that its
/// interop route may admit callers without credentials (DESIGN.md Decision 12), and clients reach the server over
/// TLS through the gateway, trusting the node's CA.
/// </summary>
public sealed class GatewayInteropFixture : IAsyncLifetime
{
    private readonly InteropServerFixture _server = new();
    private TestNode? _node;

    public TestNode Node => _node ?? throw new InvalidOperationException("The node has not started.");

    /// <summary>The gateway's port.</summary>
    public int Port => Node.Gateway.Address.Port;

    /// <summary>The client flags of TLS through the gateway: its certificate chains to the node's CA and names localhost.</summary>
    public string[] TlsFlags => ["--use_tls=true", "--use_test_ca=true", $"--ca_file={Node.Identity.CaFile}", "--server_host_override=localhost"];

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        var route = "Gateway__Backends__Interop__";
        _node = await TestNode.StartAsync(new TestNodeOptions
        {
            GatewayEnvironment = "Development",
            StartIndicators = false,
            GatewaySettings = new Dictionary<string, string?>
            {
                [route + "Address"] = "http://127.0.0.1:" + _server.Port.ToString(CultureInfo.InvariantCulture),
                [route + "PathPrefixes__0"] = "/grpc.testing.TestService/",
                [route + "PathPrefixes__1"] = "/grpc.testing.UnimplementedService/",
                [route + "AllowAnonymous"] = "true",
                [route + "PartOfNode"] = "false",
            },
        });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        await _server.DisposeAsync();
    }
}
