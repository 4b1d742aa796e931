using System.Diagnostics;
using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// Propagation across a federation of real nodes (issue 10, DESIGN.md Decision 15): the time from Submit at one ally
/// to arrival in the feed of every node allowed to receive the version, under a steady stream of submits through the
/// gateways with TLS, and a check that every allowed node got every allowed version exactly once and no node got
/// anything else.
/// </summary>
public static class PropagationBenchmark
{
    /// <summary>What each node process runs with: workstation GC and no dynamic PGO, so 4 processes per node fit.</summary>
    private static readonly Dictionary<string, string?> LeanProcesses = new(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_TieredPGO"] = "0",
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "nodes", "rate", "batch", "seconds", "warmup", "drain", "wave");
        var topology = Topology.For(options.Int("nodes", 32));
        var rate = options.Int("rate", 500);
        var batch = options.Int("batch", 50);
        var measured = TimeSpan.FromSeconds(options.Int("seconds", 30));
        var warmup = TimeSpan.FromSeconds(options.Int("warmup", 5));
        var drain = TimeSpan.FromSeconds(options.Int("drain", 30));
        var nodes = topology.Allies.Count + topology.Partners.Count;
        Console.WriteLine($"composition: several processes, 4 per node (Indicators, Partners, Federation, Gateway; workstation GC, TieredPGO off): {nodes} nodes = "
            + $"{topology.Allies.Count} allies in a full mesh + {topology.Partners.Count} partners ({string.Join(", ", topology.Partners.Select(p => $"{p}<-{string.Join('+', topology.LinksOf(p))}"))}); "
            + "links through the peers' gateways over TLS with node certificates");

        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        var setup = Stopwatch.StartNew();
        await using var mesh = await Mesh.StartAsync(topology, options.Int("wave", 4), LeanProcesses);
        var started = setup.Elapsed;
        await mesh.WireAsync();
        await WaitForLinksAsync(mesh, TimeSpan.FromSeconds(120));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"setup: nodes started in {started.TotalSeconds:F0} s, wired and linked in {(setup.Elapsed - started).TotalSeconds:F0} s; {NodeProcesses.Describe(NodeProcesses.Sample())}"));

        var ledger = new DeliveryLedger(topology.Nations);
        var followers = new List<FeedFollower>();
        foreach (var node in mesh.Nodes.Values)
        {
            followers.Add(await FeedFollower.StartAsync(node, topology, ledger));
        }

        var gatewayPorts = mesh.Nodes.Values.Select(n => n.Gateway.Address.Port).ToHashSet();
        Console.WriteLine($"traffic: {rate} indicators/s in Submit batches of {batch} across {topology.Allies.Count} allies, {measured.TotalSeconds} s after {warmup.TotalSeconds} s warm-up");
        var traffic = new TrafficRun(mesh, ledger, rate, batch);
        Dictionary<(int, int), long>? bytesBefore = null;
        List<ServiceProcess>? cpuBefore = null;
        var ownCpuBefore = 0.0;
        var window = new Stopwatch();
        await traffic.RunAsync(warmup, measured, async () =>
        {
            bytesBefore = await WireBytes.SampleAsync(gatewayPorts);
            cpuBefore = NodeProcesses.Sample();
            ownCpuBefore = NodeProcesses.OwnCpuSeconds();
            window.Start();
        });
        var bytesAfter = await WireBytes.SampleAsync(gatewayPorts);
        var cpu = NodeProcesses.CpuBetween(cpuBefore!, NodeProcesses.Sample());
        var ownCpu = NodeProcesses.OwnCpuSeconds() - ownCpuBefore;
        window.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cpu while the measured batches were submitted ({window.Elapsed.TotalSeconds:F1} s, {Environment.ProcessorCount} cores): {string.Join(", ", cpu.OrderByDescending(c => c.Value).Select(c => $"{c.Key} {c.Value:F1} s"))}, this benchmark {ownCpu:F1} s"));

        var report = await DrainAsync(topology, ledger, drain);
        Console.WriteLine($"load average after the run: {File.ReadAllText("/proc/loadavg").Trim()}");
        // The figures first: on an overloaded machine what follows (32 link status calls, stopping 128 processes) is slow.
        Print(ledger, traffic, report, WireBytes.Between(bytesBefore!, bytesAfter), window.Elapsed);
        Console.WriteLine($"memory at the end: {NodeProcesses.Describe(NodeProcesses.Sample())}");
        foreach (var follower in followers)
        {
            await follower.DisposeAsync();
        }

        var links = await mesh.InboundLinksAsync();
        Console.WriteLine($"links: {links.Sum(l => (long)l.Link.Rejected)} versions rejected by receivers, {links.Count(l => l.Link.State != V1.LinkState.Connected)} links not connected");
        var followersFailed = followers.Count(f => f.Failure is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"propagation: nodes={nodes} p50={DeliveryAccounting.Percentile(report.Remote, 0.50):F1}ms p99={DeliveryAccounting.Percentile(report.Remote, 0.99):F1}ms lost={report.Lost} duplicates={report.Duplicates} leaked={report.Leaked}"));
        return followersFailed == 0 && traffic.FailedCalls == 0 ? 0 : 1;
    }

    private static async Task WaitForLinksAsync(Mesh mesh, TimeSpan timeout)
    {
        var expected = mesh.Topology.Allies.Count * (mesh.Topology.Allies.Count - 1) + mesh.Topology.Partners.Sum(p => mesh.Topology.LinksOf(p).Count);
        var watch = Stopwatch.StartNew();
        var connected = 0;
        while (watch.Elapsed < timeout)
        {
            connected = (await mesh.InboundLinksAsync()).Count(l => l.Link.State == V1.LinkState.Connected);
            if (connected >= expected)
            {
                Console.WriteLine($"links: {connected}/{expected} connected after {watch.Elapsed.TotalSeconds:F0} s");
                return;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"only {connected} of {expected} links connected within {timeout.TotalSeconds} s");
    }

    /// <summary>Waits until every allowed delivery arrived or <paramref name="drain"/> passed, then 2 s more for strays.</summary>
    private static async Task<DeliveryReport> DrainAsync(Topology topology, DeliveryLedger ledger, TimeSpan drain)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < drain && DeliveryAccounting.Account(topology, ledger).Lost > 0)
        {
            await Task.Delay(1000);
        }

        await Task.Delay(2000);
        Console.WriteLine($"drain: {watch.Elapsed.TotalSeconds:F0} s");
        return DeliveryAccounting.Account(topology, ledger);
    }

    private static void Print(DeliveryLedger ledger, TrafficRun traffic, DeliveryReport report, long wireBytes, TimeSpan window)
    {
        var measured = ledger.Submitted.Values.Where(v => v.Measured).ToList();
        var first = measured.Count > 0 ? measured.Min(v => v.Started) : 0;
        var last = measured.Count > 0 ? measured.Max(v => v.Returned) : 0;
        var seconds = (last - first) / (double)Stopwatch.Frequency;
        static string Ms(double[] samples, double fraction) => DeliveryAccounting.Percentile(samples, fraction).ToString("F1", CultureInfo.InvariantCulture);
        var submit = traffic.SubmitMilliseconds.ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"submitted: {ledger.Submitted.Count} versions ({measured.Count} measured), achieved {measured.Count / seconds:F0} versions/s; {traffic.Unchanged} unchanged, {traffic.Rejected} rejected, {traffic.FailedCalls} failed calls; Submit round trip p50 {Ms(submit, 0.5)} ms p99 {Ms(submit, 0.99)} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"deliveries: {report.Delivered} of {report.Expected} allowed (version, node) pairs; lost {report.Lost}, duplicates {report.Duplicates}, leaked {report.Leaked} (of which unknown {report.Unknown})"));
        Console.WriteLine($"latency, Submit returned at the origin -> arrival in an allowed node's feed: p50 {Ms(report.Remote, 0.5)} ms, p99 {Ms(report.Remote, 0.99)} ms, max {Ms(report.Remote, 1)} ms ({report.Remote.Length} arrivals)");
        var remoteFromCall = DeliveryAccounting.Percentile(report.RemoteFromCall, 0.5);
        var local = DeliveryAccounting.Percentile(report.Local, 0.5);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference, local delivery (same run): Submit call start -> the origin's own feed p50 {Ms(report.Local, 0.5)} ms p99 {Ms(report.Local, 0.99)} ms; to remote nodes from the call start p50 {Ms(report.RemoteFromCall, 0.5)} ms p99 {Ms(report.RemoteFromCall, 0.99)} ms; remote/local p50 {remoteFromCall / local:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wire: {wireBytes} bytes on the links while the measured batches were submitted ({window.TotalSeconds:F1} s; ss tcp_info, both ways, TLS records) = {wireBytes / Math.Max(1.0, measured.Count):F0} bytes per submitted indicator, {wireBytes / Math.Max(1.0, report.Remote.Length):F0} per delivered copy"));
    }
}
