using CyberPledge.Benchmarks.Unary;

// One entry per benchmark; each prints its result as its last line.
var benchmarks = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.Ordinal)
{
    ["unary"] = UnaryServerBenchmark.RunAsync,
    ["client"] = UnaryClientBenchmark.RunAsync,
    ["ingest"] = CyberPledge.Benchmarks.Ingest.IngestBenchmark.RunAsync,
    ["policy"] = CyberPledge.Benchmarks.Policy.PolicyBenchmark.RunAsync,
    ["gateway"] = CyberPledge.Benchmarks.Gateway.GatewayBenchmark.RunAsync,
    ["propagation"] = CyberPledge.Benchmarks.Propagation.PropagationBenchmark.RunAsync,
    ["taxii"] = CyberPledge.Benchmarks.Taxii.TaxiiBenchmark.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    Console.Error.WriteLine($"usage: Benchmarks <{string.Join('|', benchmarks.Keys)}> [--option=value ...]");
    return 2;
}
try
{
    return await run(args[1..]);
}
catch (CyberPledge.ServiceDefaults.CommandLine.CommandLineException e)
{
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return 2;
}
