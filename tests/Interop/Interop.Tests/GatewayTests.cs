using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>
/// The 14 cases through a node's gateway (YARP) over TLS to our interop server behind it: metadata, trailers,
/// statuses, deadlines and cancellation pass through the proxy intact, for our client and for grpc-js.
/// </summary>
public sealed class GatewayTests(GatewayInteropFixture gateway) : IClassFixture<GatewayInteropFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_OurClientThroughGateway_Passes(string testCase)
    {
        var (exitCode, output) = await CSharpClient.RunAsync(gateway.Port, testCase, gateway.TlsFlags);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }

    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_GrpcJsClientThroughGateway_Passes(string testCase)
    {
        var (exitCode, output) = await InteropPeer.GrpcJs.RunClientAsync(gateway.Port, testCase, gateway.TlsFlags);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }
}
