using System.Globalization;
using CyberPledge.InteropClient;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>Our interop client, run in-process with the same flags and exit code as the program.</summary>
internal static class CSharpClient
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The exit code and everything the client wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(int port, string testCase, params string[] extraFlags)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        string[] args =
        [
            "--server_host=127.0.0.1",
            $"--server_port={port.ToString(CultureInfo.InvariantCulture)}",
            $"--test_case={testCase}",
            .. extraFlags,
        ];
        // One writer for both streams: the test only needs the PASS/FAIL lines together.
        var exitCode = await InteropClientCommand.RunAsync(args, TextWriter.Synchronized(output), TextWriter.Synchronized(output)).WaitAsync(Timeout);
        return (exitCode, output.ToString());
    }
}
