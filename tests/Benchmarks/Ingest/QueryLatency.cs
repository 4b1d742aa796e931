using System.Diagnostics;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>Latency of typical Query shapes over the ingested store, one call at a time, after a warm-up.</summary>
internal static class QueryLatency
{
    public static async Task MeasureAsync(IndicatorsClient client, SubmitRequest[] batches, int rounds)
    {
        var random = new Random(7);
        SubmitRequest RandomBatch() => batches[random.Next(batches.Length)];
        var shapes = new (string Name, Func<QueryRequest> Make)[]
        {
            ("exact value (type+value)", () => { var s = RandomBatch().Indicators[0]; return new QueryRequest { Type = s.Type, Value = s.Value }; }),
            ("sector+tlp, page of 100", () => new QueryRequest { Sector = (Sector)(1 + random.Next(8)), Tlp = (Tlp)(1 + random.Next(5)), PageSize = 100 }),
            ("origin+type, page of 1000", () => new QueryRequest { OriginNation = "XX", Type = IndicatorType.Domain, PageSize = 1000 }),
            ("modified in last minute, 100", () => new QueryRequest { ModifiedSince = Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1)), PageSize = 100 }),
            ("text, selective (value)", () => new QueryRequest { Text = RandomBatch().Indicators[0].Value, PageSize = 100 }),
            ("text, common, page of 100", () => new QueryRequest { Text = "campaign-" + random.Next(97), PageSize = 100 }),
        };

        Console.WriteLine($"query latency, {rounds} calls per shape (ms):");
        foreach (var (name, make) in shapes)
        {
            for (var i = 0; i < 3; i++)
            {
                await client.QueryAsync(make());
            }

            var samples = new double[rounds];
            var results = 0;
            for (var i = 0; i < rounds; i++)
            {
                var request = make();
                var watch = Stopwatch.StartNew();
                var response = await client.QueryAsync(request, deadline: DateTime.UtcNow.AddMinutes(1));
                samples[i] = watch.Elapsed.TotalMilliseconds;
                results += response.Indicators.Count;
            }

            Array.Sort(samples);
            Console.WriteLine($"  {name,-30} p50 {Percentile(samples, 0.50),8:F2}  p99 {Percentile(samples, 0.99),8:F2}  max {samples[^1],8:F2}  avg results {results / (double)rounds,7:F1}");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
