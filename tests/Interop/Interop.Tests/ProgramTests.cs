using System.Globalization;
using CyberPledge.Interop.Tests.Fixtures;
using CyberPledge.Interop.Tests.Infrastructure;
using Xunit;

namespace CyberPledge.Interop.Tests;

/// <summary>The programs as other languages' runners use them: real processes, flags, the listening line, exit codes.</summary>
public sealed class ProgramTests(GrpcJsServerFixture grpcJsServer) : IClassFixture<GrpcJsServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task InteropServer_PortZero_PrintsListeningLineAndServesGrpcJsClient()
    {
        await using var server = DotnetProgram.Start(DotnetProgram.Server, "--port=0");
        var port = (await server.WaitForListeningAsync(Timeout)).Port;

        var (exitCode, output) = await InteropPeer.GrpcJs.RunClientAsync(port, "large_unary");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}\nserver output:\n{server.Output}");
    }

    [Fact]
    public async Task InteropClient_AllCasesAgainstGrpcJsServer_ExitsZeroAndPassesEach()
    {
        await using var client = DotnetProgram.Start(
            DotnetProgram.Client,
            "--server_host=127.0.0.1",
            $"--server_port={grpcJsServer.Port.ToString(CultureInfo.InvariantCulture)}",
            "--test_case=all");

        var exitCode = await client.WaitForExitAsync(Timeout);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{client.Output}");
        foreach (var testCase in InteropCaseNames.All)
        {
            Assert.Contains($"PASS {testCase[0]}", client.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InteropClient_UnknownTestCase_ExitsTwoWithUsage()
    {
        await using var client = DotnetProgram.Start(DotnetProgram.Client, "--server_port=1", "--test_case=no_such_case");

        var exitCode = await client.WaitForExitAsync(Timeout);

        Assert.Equal(2, exitCode);
        Assert.Contains("usage:", client.Output, StringComparison.Ordinal);
    }
}
