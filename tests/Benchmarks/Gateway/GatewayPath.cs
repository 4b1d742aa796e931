using System.Diagnostics;
using CyberPledge.Testing;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Testing;

namespace CyberPledge.Benchmarks.Gateway;

/// <summary>One way to the interop server (direct or through the gateway), measured with the same client and calls.</summary>
internal sealed class GatewayPath(string name, GrpcChannel channel, string token)
{
    private static readonly SimpleRequest Request = new() { ResponseSize = 10, Payload = new Payload { Body = ByteString.CopyFrom(new byte[10]) } };

    private readonly TestService.TestServiceClient _client = new(TestTokens.WithToken(channel.CreateCallInvoker(), token));

    public string Name => name;

    /// <summary>Calls/s of <paramref name="concurrency"/> loops of UnaryCall, and the latency percentiles of every call.</summary>
    public async Task<UnaryResult> MeasureUnaryAsync(TimeSpan warmup, TimeSpan duration, int concurrency)
    {
        var answer = await _client.UnaryCallAsync(Request);
        if (answer.Payload.Body.Length != Request.ResponseSize)
        {
            throw new InvalidOperationException($"{name}: UnaryCall answered wrongly.");
        }

        await RunUnaryAsync(warmup, concurrency, latencies: null);
        var latencies = new List<long>[concurrency];
        var stopwatch = Stopwatch.StartNew();
        var completed = await RunUnaryAsync(duration, concurrency, latencies);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new UnaryResult(completed / elapsed, Milliseconds(all[all.Length / 2]), Milliseconds(all[(int)(all.Length * 0.99)]));
    }

    /// <summary>Messages/s of <paramref name="concurrency"/> loops of StreamingOutputCall, each streaming <paramref name="messages"/> of 1 KB.</summary>
    public async Task<double> MeasureStreamingAsync(TimeSpan warmup, TimeSpan duration, int concurrency, int messages)
    {
        var request = new StreamingOutputCallRequest();
        for (var i = 0; i < messages; i++)
        {
            request.ResponseParameters.Add(new ResponseParameters { Size = 1024 });
        }

        await RunStreamsAsync(request, warmup, concurrency);
        var stopwatch = Stopwatch.StartNew();
        var received = await RunStreamsAsync(request, duration, concurrency);
        return received / stopwatch.Elapsed.TotalSeconds;
    }

    private async Task<long> RunUnaryAsync(TimeSpan duration, int concurrency, List<long>[]? latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async loop =>
        {
            var own = latencies is null ? null : latencies[loop] = new List<long>(1 << 16);
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                await _client.UnaryCallAsync(Request);
                own?.Add(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref completed);
            }
        }));
        return completed;
    }

    private async Task<long> RunStreamsAsync(StreamingOutputCallRequest request, TimeSpan duration, int concurrency)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long received = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                using var call = _client.StreamingOutputCall(request);
                await foreach (var response in call.ResponseStream.ReadAllAsync())
                {
                    if (response.Payload.Body.Length != 1024)
                    {
                        throw new InvalidOperationException($"{name}: a streamed message has the wrong size.");
                    }

                    Interlocked.Increment(ref received);
                }
            }
        }));
        return received;
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}

/// <summary>One unary measurement.</summary>
internal sealed record UnaryResult(double CallsPerSecond, double P50Milliseconds, double P99Milliseconds);
