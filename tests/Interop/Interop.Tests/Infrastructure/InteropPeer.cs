using System.ComponentModel;
using System.Globalization;
using CyberPledge.Testing;

namespace CyberPledge.Interop.Tests.Infrastructure;

/// <summary>
/// An independent gRPC implementation's interop programs (<c>client</c> and <c>server</c> scripts with the
/// description's flags), run as child processes: grpc-js (tests/Interop/js) and gRPC C-core through Debian's
/// python3-grpcio (tests/Interop/python).
/// </summary>
internal sealed class InteropPeer
{
    // The clients' own watchdogs end a case after 30 s; this is the net beneath them.
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ServerStartTimeout = TimeSpan.FromSeconds(30);

    private readonly string _program;
    private readonly string _clientScript;
    private readonly string _serverScript;
    private readonly Func<Task<string>> _requireDirectory;

    private InteropPeer(string name, string program, string clientScript, string serverScript, Func<Task<string>> requireDirectory)
    {
        Name = name;
        _program = program;
        _clientScript = clientScript;
        _serverScript = serverScript;
        _requireDirectory = requireDirectory;
    }

    /// <summary>@grpc/grpc-js under Node.js.</summary>
    public static InteropPeer GrpcJs { get; } =
        new("grpc-js", "node", "client.js", "server.js", () => Task.FromResult(RequireGrpcJs()));

    /// <summary>gRPC C-core via Debian's python3-grpcio, with stubs generated at run time (stubs.py).</summary>
    public static InteropPeer PythonGrpc { get; } =
        new("python grpcio", PythonGrpcPrerequisites.Python, "client.py", "server.py", PythonGrpcPrerequisites.RequireAsync);

    public string Name { get; }

    /// <summary>Runs the peer's client against a server on 127.0.0.1; returns its exit code and everything it wrote.</summary>
    public async Task<(int ExitCode, string Output)> RunClientAsync(int port, string testCase, params string[] extraFlags)
    {
        var directory = await _requireDirectory();
        await using var client = ChildProcess.Start(
            _program,
            [_clientScript, "--server_host=127.0.0.1", $"--server_port={port.ToString(CultureInfo.InvariantCulture)}", $"--test_case={testCase}", .. extraFlags],
            directory);
        var exitCode = await client.WaitForExitAsync(ClientTimeout);
        return (exitCode, client.Output);
    }

    /// <summary>Starts the peer's server on a free loopback port; returns it once it printed its listening line.</summary>
    public async Task<(ChildProcess Server, int Port)> StartServerAsync()
    {
        var directory = await _requireDirectory();
        var server = ChildProcess.Start(_program, [_serverScript, "--port=0"], directory);
        try
        {
            return (server, (await server.WaitForListeningAsync(ServerStartTimeout)).Port);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public override string ToString() => Name;

    /// <summary>tests/Interop/js; fails with what to do when the grpc-js dependencies are not installed.</summary>
    private static string RequireGrpcJs()
    {
        var directory = RepositoryPaths.Combine("tests", "Interop", "js");
        if (!Directory.Exists(Path.Combine(directory, "node_modules")))
        {
            throw new InvalidOperationException(
                $"tests/Interop/js/node_modules is missing: run npm ci in tests/Interop/js ({directory}) before these tests.");
        }
        return directory;
    }

    /// <summary>
    /// What the Python peer needs: Debian's /usr/bin/python3 with python3-grpcio and python3-protobuf, and protoc with
    /// grpc_python_plugin (protobuf-compiler, protobuf-compiler-grpc). Checked once per run by <c>stubs.py</c>, which
    /// also generates the stubs, so concurrent clients and servers find them ready.
    /// </summary>
    private static class PythonGrpcPrerequisites
    {
        // Debian's interpreter explicitly: a python3 earlier on PATH (pyenv, venv) lacks Debian's packages.
        public const string Python = "/usr/bin/python3";

        private const string Packages = "python3-grpcio python3-protobuf protobuf-compiler protobuf-compiler-grpc";
        private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(120);
        private static readonly Lazy<Task<string>> Checked = new(CheckAsync);

        public static Task<string> RequireAsync() => Checked.Value;

        private static async Task<string> CheckAsync()
        {
            var directory = RepositoryPaths.Combine("tests", "Interop", "python");
            ChildProcess check;
            try
            {
                check = ChildProcess.Start(Python, ["stubs.py"], directory);
            }
            catch (Win32Exception exception)
            {
                throw Missing($"{Python} could not be started ({exception.Message})");
            }
            await using (check)
            {
                var exitCode = await check.WaitForExitAsync(CheckTimeout);
                if (exitCode != 0)
                {
                    throw Missing($"{Python} {Path.Combine(directory, "stubs.py")} exited with code {exitCode}:\n{check.Output}");
                }
            }
            return directory;
        }

        private static InvalidOperationException Missing(string what) =>
            new($"The python grpcio interop peer is not usable: {what}\n" +
                $"Run bash tests/run.sh; it installs {Packages} (or: apt-get install -y {Packages}).");
    }
}
