using System.Globalization;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;

namespace CyberPledge.Benchmarks.Gateway;

/// <summary>
/// Two interop servers (one with TLS, reached directly; one cleartext, behind the gateway's development route) and a
/// node (Partners and Gateway as processes) whose gateway admits an analyst token without a practical rate limit.
/// </summary>
internal sealed class GatewaySetup : IAsyncDisposable
{
    private readonly ChildProcess _backend;

    private GatewaySetup(ChildProcess backend, ChildProcess direct, TestNode node)
    {
        _backend = backend;
        DirectServer = direct;
        Node = node;
        Token = node.UserToken("benchmark", Roles.Analyst);
    }

    public TestNode Node { get; }

    /// <summary>The interop server with TLS (the node's certificate), reached without the gateway.</summary>
    public ChildProcess DirectServer { get; }

    /// <summary>Its address with the https scheme (its listening line names only host and port).</summary>
    public Uri DirectAddress { get; private init; } = null!;

    /// <summary>The analyst token sent on both paths (the direct server ignores it; the gateway checks and forwards it).</summary>
    public string Token { get; }

    public static async Task<GatewaySetup> StartAsync(bool accessLog)
    {
        var interop = RepositoryPaths.BuildOutput("tests/Interop/InteropServer", "CyberPledge.InteropServer.dll");
        var backend = ChildProcess.StartDotnet(interop, ["--port=0"]);
        var address = await backend.WaitForListeningAsync(TimeSpan.FromSeconds(60));
        var unlimited = int.MaxValue.ToString(CultureInfo.InvariantCulture);
        var node = await TestNode.StartAsync(new TestNodeOptions
        {
            GatewayEnvironment = "Development",
            StartIndicators = false,
            GatewaySettings = new Dictionary<string, string?>
            {
                ["Gateway__Backends__Interop__Address"] = address.ToString().TrimEnd('/'),
                ["Gateway__Backends__Interop__PathPrefixes__0"] = "/grpc.testing.TestService/",
                ["Gateway__Backends__Interop__PartOfNode"] = "false",
                ["Gateway__RateLimits__User__PermitsPerSecond"] = unlimited,
                ["Gateway__RateLimits__User__Burst"] = unlimited,
                ["Logging__LogLevel__CyberPledge.Gateway.Access"] = accessLog ? "Information" : "Warning",
            },
        });
        // With the access log on (a line per call, as in production), this process only drains it.
        node.Gateway.DiscardFurtherOutput();
        var direct = ChildProcess.StartDotnet(interop, ["--port=0", "--use_tls=true", $"--tls_cert_file={node.Identity.NodeCertificateFile}", $"--tls_key_file={node.Identity.NodeKeyFile}"]);
        var port = (await direct.WaitForListeningAsync(TimeSpan.FromSeconds(60))).Port;
        return new GatewaySetup(backend, direct, node) { DirectAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        await DirectServer.DisposeAsync();
        await _backend.DisposeAsync();
    }
}
