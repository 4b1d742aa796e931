using System.Globalization;

namespace CyberPledge.Testing;

/// <summary>
/// tests/Interop/python/reflection_client.py, a grpcurl-like client on gRPC C-core (Debian's python3-grpcio) that knows
/// a server only through server reflection, run as a child process. When the Debian packages are missing it fails with
/// what to install (bash tests/run.sh installs them).
/// </summary>
public static class PythonReflectionClient
{
    // Debian's interpreter explicitly: a python3 earlier on PATH (pyenv, venv) lacks Debian's packages.
    private const string Python = "/usr/bin/python3";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Runs the script against 127.0.0.1:<paramref name="port"/>; returns its exit code, its standard output, and its
    /// standard error interleaved with it (where its errors are).
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(int port, params string[] arguments)
    {
        await using var process = ChildProcess.Start(
            Python,
            ["reflection_client.py", $"--server_port={port.ToString(CultureInfo.InvariantCulture)}", .. arguments],
            RepositoryPaths.Combine("tests", "Interop", "python"));
        var exitCode = await process.WaitForExitAsync(Timeout);
        return (exitCode, process.StandardOutput, process.Output);
    }
}
