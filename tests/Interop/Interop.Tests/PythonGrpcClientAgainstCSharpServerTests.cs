using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>
/// The gRPC C-core client's cases (python3-grpcio, tests/Interop/python) against our server: checks our server runtime
/// against a second real gRPC peer.
/// </summary>
public sealed class PythonGrpcClientAgainstCSharpServerTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_PythonGrpcClientAgainstOurServer_Passes(string testCase)
    {
        var (exitCode, output) = await InteropPeer.PythonGrpc.RunClientAsync(server.Port, testCase);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
    }
}
