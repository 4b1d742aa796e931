using System.Diagnostics;
using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;
using CyberPledge.Policy;

namespace CyberPledge.Benchmarks.Policy;

/// <summary>
/// Decisions per second of the compiled policy engine on one thread, over a realistic mix (<see cref="PolicyMix"/>),
/// beside the same rules as plain nested conditions (<see cref="NestedConditionsReference"/>) measured in the same
/// rounds. Options: --rounds (3), --seconds per measurement (2), --versions (4096), --seed (7).
/// Last two lines: "reference: plain nested conditions R decisions/s; engine/reference X" and
/// "policy: N decisions/s per core" (medians of the rounds).
/// </summary>
public static class PolicyBenchmark
{
    private const int Deliveries = 1 << 16;

    public static Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "rounds", "seconds", "versions", "seed");
        var rounds = options.Int("rounds", 3);
        var duration = TimeSpan.FromSeconds(options.Int("seconds", 2));
        var mix = PolicyMix.Create(options.Int("versions", 4096), Deliveries, options.Int("seed", 7));
        var engine = PolicyEngine.Compile(mix.Agreements);
        var reference = new NestedConditionsReference(mix.Agreements);
        var allowed = CheckSameDecisions(mix, engine, reference);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mix.Agreements.Length} agreements, {mix.Versions.Length} versions, {Deliveries} deliveries ({allowed * 100.0 / Deliveries:F1}% allowed), one thread, {Environment.ProcessorCount} cores (shared)"));

        // Warm-up: tiered compilation (and dynamic PGO) settles before the rounds.
        Measure(mix, () => RunEngine(mix, engine), TimeSpan.FromSeconds(1));
        Measure(mix, () => RunReference(mix, reference), TimeSpan.FromSeconds(1));
        var engineRates = new List<double>();
        var referenceRates = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (engineRate, bytes) = Measure(mix, () => RunEngine(mix, engine), duration);
            var (referenceRate, _) = Measure(mix, () => RunReference(mix, reference), duration);
            engineRates.Add(engineRate);
            referenceRates.Add(referenceRate);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: engine {engineRate:F0} decisions/s ({bytes:F2} bytes allocated per decision), reference {referenceRate:F0} decisions/s"));
        }

        var engineMedian = Median(engineRates);
        var referenceMedian = Median(referenceRates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference: plain nested conditions {referenceMedian:F0} decisions/s; engine/reference {engineMedian / referenceMedian:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy: {engineMedian:F0} decisions/s per core"));
        return Task.FromResult(0);
    }

    /// <summary>Both must agree on every delivery (allow, redactions, release) before either is timed.</summary>
    private static int CheckSameDecisions(PolicyMix mix, PolicyEngine engine, NestedConditionsReference reference)
    {
        var allowed = 0;
        foreach (var d in mix.Deliveries)
        {
            var version = mix.Versions[d.Version];
            var decision = engine.Decide(version, d.Grantee, PolicyMix.Now, d.Context);
            var expected = reference.Decide(version, d.Grantee, PolicyMix.Now, d.Context, out var redactions, out var release);
            if (decision.Allowed != expected
                || (expected && (decision.Redactions != redactions || (decision.ReleaseAt?.UtcTicks ?? -1) != release)))
            {
                throw new InvalidOperationException($"engine and reference disagree for {d}: {decision.Reason}");
            }

            allowed += expected ? 1 : 0;
        }

        return allowed;
    }

    /// <summary>Runs <paramref name="pass"/> (one pass over the deliveries per call) until the duration is up.</summary>
    private static (double Rate, double BytesPerDecision) Measure(PolicyMix mix, Func<int> pass, TimeSpan duration)
    {
        var stopwatch = Stopwatch.StartNew();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        long decisions = 0;
        do
        {
            decisions += mix.Deliveries.Length;
            GC.KeepAlive(pass());
        }
        while (stopwatch.Elapsed < duration);

        var elapsed = stopwatch.Elapsed.TotalSeconds;
        return (decisions / elapsed, (GC.GetAllocatedBytesForCurrentThread() - allocated) / (double)decisions);
    }

    private static int RunEngine(PolicyMix mix, PolicyEngine engine)
    {
        var allowed = 0;
        var versions = mix.Versions;
        foreach (var d in mix.Deliveries)
        {
            allowed += engine.Decide(versions[d.Version], d.Grantee, PolicyMix.Now, d.Context).Allowed ? 1 : 0;
        }

        return allowed;
    }

    private static int RunReference(PolicyMix mix, NestedConditionsReference reference)
    {
        var allowed = 0;
        var versions = mix.Versions;
        foreach (var d in mix.Deliveries)
        {
            allowed += reference.Decide(versions[d.Version], d.Grantee, PolicyMix.Now, d.Context, out _, out _) ? 1 : 0;
        }

        return allowed;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
