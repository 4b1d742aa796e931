using System.Collections.Concurrent;
using System.Diagnostics;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// The steady stream of submits: one Submit batch every batch/rate seconds, taking the allies in turn, each through its
/// origin's gateway as its analyst. A slow call does not delay the schedule (the next batch goes at its time).
/// </summary>
internal sealed class TrafficRun(Mesh mesh, DeliveryLedger ledger, int rate, int batchSize)
{
    private readonly ConcurrentBag<double> _submitMilliseconds = [];
    private long _rejected;
    private long _unchanged;
    private long _failedCalls;

    /// <summary>Round-trip times of the Submit calls (ms).</summary>
    public IReadOnlyCollection<double> SubmitMilliseconds => _submitMilliseconds;

    public long Rejected => Interlocked.Read(ref _rejected);

    public long Unchanged => Interlocked.Read(ref _unchanged);

    public long FailedCalls => Interlocked.Read(ref _failedCalls);

    /// <summary>Submits for <paramref name="warmup"/> (not measured) then <paramref name="measured"/>, and waits for the last call.</summary>
    /// <param name="onMeasuredStart">Called once as the first measured batch is due.</param>
    public async Task RunAsync(TimeSpan warmup, TimeSpan measured, Func<Task> onMeasuredStart)
    {
        var allies = mesh.Topology.Allies;
        var clients = allies.ToDictionary(a => a, mesh.Indicators, StringComparer.Ordinal);
        var mixes = allies.Select((a, i) => (a, new TrafficMix(a, 1000 + i))).ToDictionary(m => m.a, m => m.Item2, StringComparer.Ordinal);
        var interval = TimeSpan.FromSeconds((double)batchSize / rate);
        var batches = (long)Math.Round((warmup + measured) / interval);
        var firstMeasured = (long)Math.Round(warmup / interval);
        var calls = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var k = 0L; k < batches; k++)
        {
            var due = interval * k;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            if (k == firstMeasured)
            {
                await onMeasuredStart();
            }

            var origin = allies[(int)(k % allies.Count)];
            var request = new SubmitRequest { Indicators = { mixes[origin].NextBatch(batchSize) } };
            calls.Add(SubmitAsync(clients[origin], origin, request, k >= firstMeasured));
        }

        await Task.WhenAll(calls);
    }

    private async Task SubmitAsync(V1.Indicators.IndicatorsClient client, string origin, SubmitRequest request, bool measured)
    {
        var started = Stopwatch.GetTimestamp();
        SubmitResponse response;
        try
        {
            response = await client.SubmitAsync(request);
        }
        catch (Grpc.Core.RpcException e)
        {
            Interlocked.Increment(ref _failedCalls);
            Console.Error.WriteLine($"{origin}: Submit failed: {e.Status}");
            return;
        }

        var returned = Stopwatch.GetTimestamp();
        _submitMilliseconds.Add((returned - started) * 1000.0 / Stopwatch.Frequency);
        for (var i = 0; i < response.Results.Count; i++)
        {
            var result = response.Results[i];
            switch (result.Outcome)
            {
                case SubmitOutcome.Created or SubmitOutcome.Updated:
                    ledger.RecordSubmitted(new SubmittedVersion(new VersionKey(origin, result.Id, result.Version), request.Indicators[i], started, returned, measured));
                    break;
                case SubmitOutcome.Unchanged:
                    Interlocked.Increment(ref _unchanged);
                    break;
                default:
                    if (Interlocked.Increment(ref _rejected) <= 5)
                    {
                        Console.Error.WriteLine($"{origin}: item rejected: {result.Error}");
                    }

                    break;
            }
        }
    }
}
