using System.Reflection;
using CyberPledge.Benchmarks.Infrastructure;

namespace CyberPledge.Benchmarks.Unary;

/// <summary>The three servers of grpc.testing.TestService compared: ours, gRPC C++ and grpc-js, each its own process.</summary>
public sealed record BenchmarkServer(string Name, string FileName, Func<int, string[]> Arguments, string WorkingDirectory)
{
    public Task<ServerProcess> StartAsync()
    {
        var port = ServerProcess.FreePort();
        return ServerProcess.StartAsync(FileName, Arguments(port), WorkingDirectory, port);
    }

    /// <summary>Installs and builds what the reference servers need (Debian packages, the C++ build, npm ci).</summary>
    public static async Task<IReadOnlyList<BenchmarkServer>> PrepareAsync(bool includeJs)
    {
        var cppDir = RepositoryPaths.CppBenchDir;
        await Shell.RunAsync("bash", [Path.Combine(cppDir, "install-deps.sh")], cppDir, TimeSpan.FromMinutes(15));
        var buildOutput = await Shell.RunAsync("bash", [Path.Combine(cppDir, "build.sh")], cppDir, TimeSpan.FromMinutes(10));
        var cppBinary = buildOutput.Trim().Split('\n')[^1].Trim();

        var configuration = typeof(BenchmarkServer).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var ours = RepositoryPaths.InteropServerDll(configuration);
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
            var jsDir = RepositoryPaths.JsInteropDir;
            if (!Directory.Exists(Path.Combine(jsDir, "node_modules")))
            {
                await Shell.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], jsDir, TimeSpan.FromMinutes(5));
            }
            servers.Add(new("grpc-js", "node", port => ["server.js", $"--port={port}"], jsDir));
        }
        return servers;
    }
}
