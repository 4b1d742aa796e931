using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>The grpc-js client's cases against our server: checks our server runtime against a real gRPC peer.</summary>
public sealed class GrpcJsClientAgainstCSharpServerTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_GrpcJsClientAgainstOurServer_Passes(string testCase)
    {
        var (exitCode, output) = await InteropPeer.GrpcJs.RunClientAsync(server.Port, testCase);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }
}
