using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>Our client's cases against the grpc-js server: checks our client runtime against a real gRPC peer.</summary>
public sealed class CSharpClientAgainstGrpcJsServerTests(GrpcJsServerFixture server) : IClassFixture<GrpcJsServerFixture>
{
    [Theory]
    [MemberData(nameof(InteropCaseNames.All), MemberType = typeof(InteropCaseNames))]
    public async Task RunCase_AgainstGrpcJsServer_Passes(string testCase)
    {
        var (exitCode, output) = await CSharpClient.RunAsync(server.Port, testCase);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}\ngrpc-js server output:\n{server.Output}");
    }
}
