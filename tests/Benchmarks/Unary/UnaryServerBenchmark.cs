using System.Globalization;
using System.Text.RegularExpressions;
using CyberPledge.Benchmarks.Infrastructure;
using CyberPledge.Testing;

namespace CyberPledge.Benchmarks.Unary;

/// <summary>
/// Unary calls/s of UnaryCall under h2load, for our InteropServer, a gRPC C++ server and a grpc-js server, in
/// interleaved rounds in one run (this machine's speed drifts; interleaving spreads the drift over all three).
/// </summary>
public static partial class UnaryServerBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "rounds", "duration", "warmup", "clients", "streams");
        var rounds = options.Int("rounds", 3);
        var duration = options.Int("duration", 10);
        var warmup = options.Int("warmup", 2);
        var clients = options.Int("clients", 4);
        var streams = options.Int("streams", 64);

        var servers = await BenchmarkServer.PrepareAsync(includeJs: true);
        var results = servers.ToDictionary(s => s.Name, _ => new List<double>());
        Console.WriteLine($"h2load -c {clients} -m {streams} -t 1, {duration} s after {warmup} s warm-up, {rounds} rounds, {Environment.ProcessorCount} cores");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var server in servers)
            {
                await using var process = await server.StartAsync();
                await UnaryClientBenchmark.VerifyAsync(process.Address.Port);
                var rate = await RunH2LoadAsync(process.Address.Port, duration, warmup, clients, streams);
                results[server.Name].Add(rate);
                Console.WriteLine($"round {round}: {server.Name,-10} {rate,12:N0} req/s");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"server",-10} {"median req/s",14} {"best req/s",12}");
        foreach (var (name, rates) in results)
        {
            Console.WriteLine($"{name,-10} {Median(rates),14:N0} {rates.Max(),12:N0}");
        }
        var ours = Median(results[servers[0].Name]);
        var cpp = Median(results[servers[1].Name]);
        var js = Median(results[servers[2].Name]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"unary: ours {ours:F0} req/s, C++ {cpp:F0} req/s, grpc-js {js:F0} req/s, ours/C++ {ours / cpp:F2}, ours/grpc-js {ours / js:F2}"));
        return 0;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Runs tests/Benchmarks/cpp/h2load-unary.sh and reads its summary line; any failed request fails the benchmark.</summary>
    internal static async Task<double> RunH2LoadAsync(int port, int duration, int warmup, int clients, int streams)
    {
        var script = Path.Combine(BenchmarkServer.CppDirectory, "h2load-unary.sh");
        string[] arguments = [script, .. new[] { port, duration, clients, streams }.Select(n => n.ToString(CultureInfo.InvariantCulture))];
        await using var h2load = ChildProcess.Start(
            "bash",
            arguments,
            environment: new Dictionary<string, string?> { ["H2LOAD_WARMUP"] = warmup.ToString(CultureInfo.InvariantCulture) });
        await h2load.WaitForExitAsync(TimeSpan.FromSeconds(duration + warmup + 60));
        var output = h2load.StandardOutput;
        var match = SummaryLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException("h2load gave no summary:\n" + output);
        }
        var succeeded = long.Parse(match.Groups["ok"].Value, CultureInfo.InvariantCulture);
        if (succeeded == 0 || match.Groups["failed"].Value != "0" || match.Groups["errored"].Value != "0")
        {
            throw new InvalidOperationException("h2load saw failed requests:\n" + output);
        }
        return double.Parse(match.Groups["rate"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"h2load: (?<rate>[0-9.]+) req/s, (?<ok>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex SummaryLine();
}
