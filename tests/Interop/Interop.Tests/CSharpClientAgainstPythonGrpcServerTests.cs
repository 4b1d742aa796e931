using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>
/// Our client's cases against the gRPC C-core server (python3-grpcio, tests/Interop/python): checks our client runtime
/// against a second real gRPC peer.
/// </summary>
public sealed class CSharpClientAgainstPythonGrpcServerTests(PythonGrpcServerFixture server) : IClassFixture<PythonGrpcServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_AgainstPythonGrpcServer_Passes(string testCase)
    {
        var (exitCode, output) = await CSharpClient.RunAsync(server.Port, testCase);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}\npython grpcio server output:\n{server.Output}");
    }
}
