using System.Collections.Concurrent;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>Durable before acknowledged: SIGKILL during a heavy Submit load loses no acknowledged indicator.</summary>
public sealed class CrashTests
{
    private const int Writers = 4;
    private const int BatchSize = 250;
    private const int AcknowledgedBeforeKill = 20_000;
    private static readonly TimeSpan LoadLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Submit_ProcessKilledWithSigkillUnderLoad_EveryAcknowledgedIndicatorSurvives()
    {
        using var data = new TemporaryDirectory();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var next = -1;
        var failuresAfterKill = 0;
        var killing = 0;
        await using (var service = await ServiceProcess.StartAsync(data.Path))
        {
            using var stop = new CancellationTokenSource(LoadLimit);
            var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var start = Interlocked.Add(ref next, BatchSize) - BatchSize + 1;
                    var batch = new SubmitRequest { IdempotencyKey = "crash-" + start, Indicators = { Enumerable.Range(start, BatchSize).Select(TestIndicators.Ipv4) } };
                    try
                    {
                        var response = await service.Client.SubmitAsync(batch, cancellationToken: stop.Token);
                        for (var i = 0; i < response.Results.Count; i++)
                        {
                            Assert.Equal(SubmitOutcome.Created, response.Results[i].Outcome);
                            acknowledged[response.Results[i].Id] = batch.Indicators[i].Value;
                        }
                    }
                    catch (RpcException) when (Volatile.Read(ref killing) == 1)
                    {
                        Interlocked.Increment(ref failuresAfterKill);
                        return;
                    }
                }
            })).ToList();

            while (acknowledged.Count < AcknowledgedBeforeKill && !stop.IsCancellationRequested)
            {
                await Task.Delay(20);
            }

            // Writers are mid-call: some batches are in the writer's queue, some in a commit.
            Volatile.Write(ref killing, 1);
            await service.KillAsync();
            await Task.WhenAll(writers).WaitAsync(LoadLimit);
            Assert.False(stop.IsCancellationRequested, "the load did not reach the kill threshold in time");
        }

        await using var restarted = await ServiceProcess.StartAsync(data.Path);
        var stored = await ReadAllAsync(restarted.Client);

        Assert.True(acknowledged.Count >= AcknowledgedBeforeKill);
        Assert.True(failuresAfterKill > 0, "no Submit was in flight when the process was killed");
        var missing = acknowledged.Where(a => !stored.TryGetValue(a.Key, out var value) || value != a.Value).ToList();
        Assert.Empty(missing);
    }

    /// <summary>Every stored indicator (id to value), through Query's pages.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(V1.Indicators.IndicatorsClient client)
    {
        var stored = new Dictionary<string, string>();
        var query = new QueryRequest { PageSize = 1000 };
        do
        {
            var page = await client.QueryAsync(query, deadline: DateTime.UtcNow.AddSeconds(30));
            foreach (var indicator in page.Indicators)
            {
                stored[indicator.Id] = indicator.Value;
            }

            query.PageToken = page.NextPageToken;
        }
        while (query.PageToken.Length > 0);

        return stored;
    }
}
