using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;
using CyberPledge.Benchmarks.Unary;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using Grpc.Net.Client;

namespace CyberPledge.Benchmarks.Gateway;

/// <summary>
/// What the gateway costs (DESIGN.md Decision 15): the same small unary call (UnaryCall, 10 bytes each way) by the
/// same client over TLS, straight to an interop server with TLS and through a node's gateway (TLS, token check,
/// forwarded identity, rate limit, access log, YARP, HTTP/2 to a cleartext interop server), in interleaved rounds; then
/// a server-streaming rate (1 KB messages) both ways.
/// </summary>
public static class GatewayBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "rounds", "duration", "warmup", "concurrency", "stream-messages", "access-log");
        var rounds = options.Int("rounds", 3);
        var duration = TimeSpan.FromSeconds(options.Int("duration", 10));
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 2));
        var concurrency = options.Int("concurrency", 64);
        var streamMessages = options.Int("stream-messages", 1000);

        var accessLog = options.String("access-log", "on") != "off";
        await using var setup = await GatewaySetup.StartAsync(accessLog);
        using var directChannel = setup.Node.TlsChannel(setup.DirectAddress);
        using var gatewayChannel = setup.Node.GatewayChannel();
        var direct = new GatewayPath("direct", directChannel, setup.Token);
        var viaGateway = new GatewayPath("via-gateway", gatewayChannel, setup.Token);
        Console.WriteLine($"UnaryCall (10 B each way), {concurrency} concurrent calls on one TLS channel; {duration.TotalSeconds} s after {warmup.TotalSeconds} s warm-up, {rounds} interleaved rounds; gateway access log {(accessLog ? "on" : "off")}");

        var unary = new Dictionary<GatewayPath, List<UnaryResult>> { [direct] = [], [viaGateway] = [] };
        var streaming = new Dictionary<GatewayPath, List<double>> { [direct] = [], [viaGateway] = [] };
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var path in new[] { direct, viaGateway })
            {
                var result = await path.MeasureUnaryAsync(warmup, duration, concurrency);
                unary[path].Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: {path.Name,-11} {result.CallsPerSecond,10:N0} calls/s, p50 {result.P50Milliseconds:F2} ms, p99 {result.P99Milliseconds:F2} ms"));
            }

            foreach (var path in new[] { direct, viaGateway })
            {
                var rate = await path.MeasureStreamingAsync(warmup, duration, concurrency: 8, streamMessages);
                streaming[path].Add(rate);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: {path.Name,-11} {rate,10:N0} messages/s streamed (1 KB)"));
            }
        }

        var directRate = UnaryServerBenchmark.Median(unary[direct].Select(r => r.CallsPerSecond).ToList());
        var gatewayRate = UnaryServerBenchmark.Median(unary[viaGateway].Select(r => r.CallsPerSecond).ToList());
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"p50: direct={UnaryServerBenchmark.Median(unary[direct].Select(r => r.P50Milliseconds).ToList()):F2}ms via-gateway={UnaryServerBenchmark.Median(unary[viaGateway].Select(r => r.P50Milliseconds).ToList()):F2}ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"streaming: direct={UnaryServerBenchmark.Median(streaming[direct]):F0} messages/s via-gateway={UnaryServerBenchmark.Median(streaming[viaGateway]):F0} messages/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway: direct={directRate:F0}/s via-gateway={gatewayRate:F0}/s ratio={gatewayRate / directRate:F2}"));
        return 0;
    }
}
