using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>
/// The same cases over TLS with ALPN h2: the clients trust only the server's generated certificate (the
/// description's --use_test_ca) and claim the host name gRPC's own test certificates use.
/// </summary>
public sealed class TlsTests(InteropTlsServerFixture server) : IClassFixture<InteropTlsServerFixture>
{
    public static TheoryData<string> Cases { get; } = new() { "large_unary", "ping_pong", "custom_metadata" };

    private string[] TlsFlags =>
        ["--use_tls=true", "--use_test_ca=true", $"--ca_file={server.CaFile}", "--server_host_override=foo.test.google.fr"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunCase_GrpcJsClientOverTls_Passes(string testCase)
    {
        var (exitCode, output) = await InteropPeer.GrpcJs.RunClientAsync(server.Port, testCase, TlsFlags);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunCase_PythonGrpcClientOverTls_Passes(string testCase)
    {
        var (exitCode, output) = await InteropPeer.PythonGrpc.RunClientAsync(server.Port, testCase, TlsFlags);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunCase_OurClientOverTls_Passes(string testCase)
    {
        var (exitCode, output) = await CSharpClient.RunAsync(server.Port, testCase, TlsFlags);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }
}
