using System.Diagnostics;
using System.Globalization;

namespace CyberPledge.Grpc.Reflection.Tests.Infrastructure;

/// <summary>
/// tests/Interop/python/reflection_client.py, a grpcurl-like client on gRPC C-core (Debian's python3-grpcio), run as a
/// child process. When the Debian packages are missing it fails with what to install (bash tests/run.sh installs them).
/// </summary>
public static class PythonReflectionClient
{
    // Debian's interpreter explicitly: a python3 earlier on PATH (pyenv, venv) lacks Debian's packages.
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>Runs the script against 127.0.0.1:<paramref name="port"/>; returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(int port, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(Python)
        {
            WorkingDirectory = ScriptDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["reflection_client.py", $"--server_port={port.ToString(CultureInfo.InvariantCulture)}", .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Python}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"reflection_client.py did not exit within {Timeout.TotalSeconds:0} s:\n{await errors}");
        }
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>tests/Interop/python, found by walking up from the test binaries to the solution.</summary>
    private static string ScriptDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CyberPledge.Mesh.sln")))
            {
                return Path.Combine(directory.FullName, "tests", "Interop", "python");
            }
        }
        throw new InvalidOperationException($"No CyberPledge.Mesh.sln above {AppContext.BaseDirectory}.");
    }
}
