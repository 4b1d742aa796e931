using System.Globalization;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>The grpc-js interop client (tests/Interop/js/client.js), run as a child process.</summary>
internal static class GrpcJsClient
{
    // The client's own watchdog ends a case after 30 s; this is the net beneath it.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The exit code and everything the client wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(int port, string testCase, params string[] extraFlags)
    {
        var directory = RepositoryPaths.RequireGrpcJs();
        await using var client = ChildProcess.Start(
            "node",
            directory,
            ["client.js", "--server_host=127.0.0.1", $"--server_port={port.ToString(CultureInfo.InvariantCulture)}", $"--test_case={testCase}", .. extraFlags]);
        var exitCode = await client.WaitForExitAsync(Timeout);
        return (exitCode, client.Output);
    }
}
