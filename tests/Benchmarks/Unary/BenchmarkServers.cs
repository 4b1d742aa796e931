using CyberPledge.Testing;

namespace CyberPledge.Benchmarks.Unary;

/// <summary>The three servers of grpc.testing.TestService compared: ours, gRPC C++ and grpc-js, each its own process.</summary>
public sealed record BenchmarkServer(string Name, string FileName, Func<int, string[]> Arguments, string WorkingDirectory)
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>tests/Benchmarks/cpp: the gRPC C++ server and the h2load script.</summary>
    public static string CppDirectory => RepositoryPaths.Combine("tests", "Benchmarks", "cpp");

    /// <summary>Starts the server on a free loopback port; returns it once it printed its listening line.</summary>
    public async Task<ChildProcess> StartAsync()
    {
        var server = ChildProcess.Start(FileName, Arguments(FreePort.Loopback()), WorkingDirectory);
        try
        {
            await server.WaitForListeningAsync(StartTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Installs and builds what the reference servers need (Debian packages, the C++ build, npm ci).</summary>
    public static async Task<IReadOnlyList<BenchmarkServer>> PrepareAsync(bool includeJs)
    {
        var cppDir = CppDirectory;
        await ChildProcess.RunAsync("bash", [Path.Combine(cppDir, "install-deps.sh")], cppDir, TimeSpan.FromMinutes(15));
        var buildOutput = await ChildProcess.RunAsync("bash", [Path.Combine(cppDir, "build.sh")], cppDir, TimeSpan.FromMinutes(10));
        var cppBinary = buildOutput.Trim().Split('\n')[^1].Trim();

        var ours = RepositoryPaths.BuildOutput("tests/Interop/InteropServer", "CyberPledge.InteropServer.dll");
        if (!File.Exists(ours))
        {
            throw new FileNotFoundException("The InteropServer build is missing; run the benchmark with dotnet run.", ours);
        }

        var servers = new List<BenchmarkServer>
        {
            new("ours (C#)", "dotnet", port => [ours, $"--port={port}"], RepositoryPaths.Root),
            new("gRPC C++", cppBinary, port => [$"--port={port}"], cppDir),
        };
        if (includeJs)
        {
            var jsDir = RepositoryPaths.Combine("tests", "Interop", "js");
            if (!Directory.Exists(Path.Combine(jsDir, "node_modules")))
            {
                await ChildProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], jsDir, TimeSpan.FromMinutes(5));
            }
            servers.Add(new("grpc-js", "node", port => ["server.js", $"--port={port}"], jsDir));
        }
        return servers;
    }
}
