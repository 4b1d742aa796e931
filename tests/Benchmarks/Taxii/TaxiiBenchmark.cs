using System.Diagnostics;
using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;
using CyberPledge.Benchmarks.Unary;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Taxii;

/// <summary>
/// The TAXII server's read rate (issue 12): a node holding <c>objects</c> indicators, read whole by a TAXII client
/// (paged GET of the objects endpoint through the gateway, following <c>next</c>) and, as the same-run reference, by
/// the gRPC Query of the same indicators through the same gateway with the same token, in interleaved rounds. Both
/// reads must return every indicator, or the benchmark fails.
/// </summary>
public static class TaxiiBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "objects", "rounds", "limit", "http");
        var count = options.Int("objects", 100_000);
        var rounds = options.Int("rounds", 3);
        var limit = options.Int("limit", 1000);
        var httpVersion = options.String("http", "1.1") == "2" ? new Version(2, 0) : new Version(1, 1);

        var setupWatch = Stopwatch.StartNew();
        await using var setup = await TaxiiSetup.StartAsync(count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node started and {count:N0} indicators submitted in {setupWatch.Elapsed.TotalSeconds:F1} s; pages of {limit}, HTTP/{httpVersion} for TAXII, {rounds} interleaved rounds"));

        using var pager = new TaxiiPager(setup.Node.Gateway.Address, setup.Node.Identity.Ca, setup.Token, httpVersion);
        var collection = await pager.CollectionIdAsync();
        var client = setup.Indicators();
        List<double> taxiiRates = [];
        List<double> queryRates = [];
        for (var round = 1; round <= rounds; round++)
        {
            var read = await pager.ReadAllAsync(collection, limit);
            var indicators = read.Counts.GetValueOrDefault("indicator");
            if (indicators != count || read.DistinctIndicators != count)
            {
                Console.Error.WriteLine($"taxii: the collection served {indicators} indicator objects ({read.DistinctIndicators} distinct), expected {count}");
                return 1;
            }

            taxiiRates.Add(read.ObjectsPerSecond);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: taxii       {read.ObjectsPerSecond,10:N0} objects/s ({read.Objects:N0} objects, {read.Pages} pages, {read.Elapsed.TotalSeconds:F2} s)"));

            var (queried, distinct, elapsed) = await QueryAllAsync(client, limit);
            if (queried != count || distinct != count)
            {
                Console.Error.WriteLine($"taxii: Query returned {queried} indicators ({distinct} distinct), expected {count}");
                return 1;
            }

            queryRates.Add(queried / elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: grpc-query  {queried / elapsed.TotalSeconds,10:N0} indicators/s ({queried:N0}, {elapsed.TotalSeconds:F2} s)"));
        }

        var taxii = UnaryServerBenchmark.Median(taxiiRates);
        var query = UnaryServerBenchmark.Median(queryRates);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"taxii: objects/s={taxii:F0} grpc-query/s={query:F0} ratio={taxii / query:F2}"));
        return 0;
    }

    /// <summary>Every indicator by Query, page by page (the same page size as TAXII's limit).</summary>
    private static async Task<(int Count, int Distinct, TimeSpan Elapsed)> QueryAllAsync(Indicators.IndicatorsClient client, int pageSize)
    {
        var watch = Stopwatch.StartNew();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        var token = "";
        do
        {
            var page = await client.QueryAsync(new QueryRequest { PageSize = (uint)pageSize, PageToken = token });
            count += page.Indicators.Count;
            ids.UnionWith(page.Indicators.Select(i => i.Id));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return (count, ids.Count, watch.Elapsed);
    }
}
