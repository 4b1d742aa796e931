using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CyberPledge.Benchmarks.Infrastructure;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>
/// Durable ingest rate of the Indicators service: a real service process, several concurrent
/// Submit batches through the gRPC API, then every acknowledged indicator looked up again.
/// Options: --count (200000), --batch (1000), --concurrency (4), --query-rounds (0: Query
/// latency is measured only when > 0), --data-dir (kept; by default a temporary directory,
/// deleted at the end).
/// Then the same-run reference (<see cref="SqliteInsertReference"/>): SQLite alone inserting
/// the rows the service stored, on the same disk with the same durability.
/// Last two lines: "reference: raw SQLite durable insert R indicators/s; service/reference X"
/// and "ingest: N indicators/s durable, COUNT indicators, lost K".
/// </summary>
public static class IngestBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkOptions(args, "count", "batch", "concurrency", "query-rounds", "data-dir");
        var count = options.Int("count", 200_000);
        var batchSize = options.Int("batch", 1000);
        var concurrency = options.Int("concurrency", 4);
        var queryRounds = options.Int("query-rounds", 0);
        var keepData = options.String("data-dir", "").Length > 0;
        var dataDirectory = keepData ? options.String("data-dir", "") : Path.Combine(Path.GetTempPath(), "cp-ingest-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        try
        {
            return await RunAsync(count, batchSize, concurrency, queryRounds, dataDirectory);
        }
        finally
        {
            if (!keepData)
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(int count, int batchSize, int concurrency, int queryRounds, string dataDirectory)
    {
        var batches = IngestData.Batches(count, batchSize);
        Console.WriteLine($"{count:N0} indicators in batches of {batchSize}, {concurrency} concurrent, {Environment.ProcessorCount} cores, data in {dataDirectory}");
        var (rate, acknowledged, lost) = await MeasureServiceAsync(batches, concurrency, queryRounds, dataDirectory);

        // Measured after the service process has stopped, on the rows it stored (see SqliteInsertReference).
        var reference = SqliteInsertReference.Measure(dataDirectory, Path.Combine(dataDirectory, "reference"), batchSize);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reference: raw SQLite durable insert {reference:F0} indicators/s; service/reference {rate / reference:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {rate:F0} indicators/s durable, {acknowledged} indicators, lost {lost}"));
        return lost == 0 ? 0 : 1;
    }

    private static async Task<(double Rate, int Acknowledged, int Lost)> MeasureServiceAsync(SubmitRequest[] batches, int concurrency, int queryRounds, string dataDirectory)
    {
        using var tokens = new TestTokens();
        await using var service = ChildProcess.StartDotnet(IndicatorsService.Dll, IndicatorsService.Arguments(dataDirectory), RepositoryPaths.Root,
            IndicatorsService.Environment(tokens));
        using var channel = GrpcChannel.ForAddress(await service.WaitForListeningAsync(TimeSpan.FromSeconds(60)));
        // An analyst's token, minted once and reused, as a real client does.
        var client = new IndicatorsClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.Analyst));

        var acknowledged = new ConcurrentDictionary<string, string>(concurrencyLevel: concurrency, capacity: batches.Sum(b => b.Indicators.Count));
        var watch = Stopwatch.StartNew();
        await SubmitAllAsync(client, batches, concurrency, acknowledged);
        var elapsed = watch.Elapsed;
        Console.WriteLine($"submitted {acknowledged.Count:N0} in {elapsed.TotalSeconds:F1} s");

        var lost = await CountLostAsync(client, acknowledged);
        if (queryRounds > 0)
        {
            await QueryLatency.MeasureAsync(client, batches, queryRounds);
        }

        return (acknowledged.Count / elapsed.TotalSeconds, acknowledged.Count, lost);
    }

    private static async Task SubmitAllAsync(IndicatorsClient client, SubmitRequest[] batches, int concurrency, ConcurrentDictionary<string, string> acknowledged)
    {
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Length)
            {
                var batch = batches[index];
                var response = await SubmitWithRetryAsync(client, batch);
                for (var i = 0; i < response.Results.Count; i++)
                {
                    var result = response.Results[i];
                    if (result.Outcome is SubmitOutcome.Created or SubmitOutcome.Updated or SubmitOutcome.Unchanged)
                    {
                        acknowledged[result.Id] = batch.Indicators[i].Value;
                    }
                }
            }
        }));
        await Task.WhenAll(workers);
    }

    /// <summary>A failed call is retried with the same idempotency key, so nothing is stored twice.</summary>
    private static async Task<SubmitResponse> SubmitWithRetryAsync(IndicatorsClient client, SubmitRequest batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await client.SubmitAsync(batch, deadline: DateTime.UtcNow.AddMinutes(2));
            }
            catch (RpcException e) when (attempt < 3 && e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>Pages through every stored indicator and counts acknowledged ones that are missing or different.</summary>
    private static async Task<int> CountLostAsync(IndicatorsClient client, ConcurrentDictionary<string, string> acknowledged)
    {
        var watch = Stopwatch.StartNew();
        var stored = new Dictionary<string, string>(acknowledged.Count);
        var query = new QueryRequest { PageSize = 1000 };
        do
        {
            var page = await client.QueryAsync(query, deadline: DateTime.UtcNow.AddMinutes(1));
            foreach (var indicator in page.Indicators)
            {
                stored[indicator.Id] = indicator.Value;
            }

            query.PageToken = page.NextPageToken;
        }
        while (query.PageToken.Length > 0);

        var lost = acknowledged.Count(a => !stored.TryGetValue(a.Key, out var value) || value != a.Value);
        Console.WriteLine($"verified {acknowledged.Count:N0} acknowledged against {stored.Count:N0} stored in {watch.Elapsed.TotalSeconds:F1} s: {lost} lost");
        return lost;
    }
}
