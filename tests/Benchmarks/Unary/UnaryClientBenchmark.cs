using System.Diagnostics;
using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;
using Google.Protobuf;
using Grpc.Net.Client;
using Grpc.Testing;

namespace CyberPledge.Benchmarks.Unary;

/// <summary>
/// Our client's unary calls/s (many concurrent calls on one channel) against our server and the gRPC C++ server,
/// beside h2load against the same server process as the reference client.
/// </summary>
public static class UnaryClientBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "rounds", "duration", "warmup", "concurrency");
        var rounds = options.Int("rounds", 3);
        var duration = options.Int("duration", 10);
        var warmup = options.Int("warmup", 2);
        var concurrency = options.Int("concurrency", 64);

        var servers = await BenchmarkServer.PrepareAsync(includeJs: false);
        var ours = servers.ToDictionary(s => s.Name, _ => new List<double>());
        var h2load = servers.ToDictionary(s => s.Name, _ => new List<double>());
        Console.WriteLine($"our client: {concurrency} concurrent calls on one channel; h2load -c 4 -m 64; {duration} s after {warmup} s warm-up, {rounds} rounds");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var server in servers)
            {
                await using var process = await server.StartAsync();
                var rate = await MeasureAsync(process.Address.Port, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(duration), concurrency);
                var reference = await UnaryServerBenchmark.RunH2LoadAsync(process.Address.Port, duration, warmup, 4, 64);
                ours[server.Name].Add(rate);
                h2load[server.Name].Add(reference);
                Console.WriteLine($"round {round}: {server.Name,-10} our client {rate,10:N0} calls/s, h2load {reference,10:N0} req/s");
            }
        }

        Console.WriteLine();
        foreach (var server in servers)
        {
            var client = UnaryServerBenchmark.Median(ours[server.Name]);
            var reference = UnaryServerBenchmark.Median(h2load[server.Name]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"client vs {server.Name}: {client:F0} calls/s, h2load {reference:F0} req/s, ratio {client / reference:F2}"));
        }
        var oursOnOurs = UnaryServerBenchmark.Median(ours[servers[0].Name]);
        var oursOnCpp = UnaryServerBenchmark.Median(ours[servers[1].Name]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"client: {oursOnOurs:F0} calls/s to our server, {oursOnCpp:F0} calls/s to the C++ server"));
        return 0;
    }

    /// <summary>Checks one call's answer, then counts completed calls of <paramref name="concurrency"/> loops.</summary>
    internal static async Task<double> MeasureAsync(int port, TimeSpan warmup, TimeSpan duration, int concurrency)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var client = new TestService.TestServiceClient(channel);
        await VerifyAsync(client);
        await RunLoopsAsync(client, Request, warmup, concurrency);
        var stopwatch = Stopwatch.StartNew();
        var completed = await RunLoopsAsync(client, Request, duration, concurrency);
        return completed / stopwatch.Elapsed.TotalSeconds;
    }

    private static readonly SimpleRequest Request = new() { ResponseSize = 10, Payload = new Payload { Body = ByteString.CopyFrom(new byte[10]) } };

    /// <summary>h2load counts any HTTP 200 as a success; this checks that the server really answers UnaryCall right.</summary>
    internal static async Task VerifyAsync(int port)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        await VerifyAsync(new TestService.TestServiceClient(channel));
    }

    private static async Task VerifyAsync(TestService.TestServiceClient client)
    {
        var response = await client.UnaryCallAsync(Request);
        if (response.Payload.Body.Length != Request.ResponseSize)
        {
            throw new InvalidOperationException("The server answered UnaryCall wrongly.");
        }
    }

    private static async Task<long> RunLoopsAsync(TestService.TestServiceClient client, SimpleRequest request, TimeSpan duration, int concurrency)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        var loops = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                await client.UnaryCallAsync(request);
                Interlocked.Increment(ref completed);
            }
        });
        await Task.WhenAll(loops);
        return completed;
    }
}
