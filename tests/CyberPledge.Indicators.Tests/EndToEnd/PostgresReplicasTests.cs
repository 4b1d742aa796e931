using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>
/// Why the PostgreSQL store exists: two processes of the service (replicas of one node, as behind
/// the gateway) on one database serve one feed; a write through one reaches a Watch on the other.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReplicasTests(PostgresServer server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static SubmitRequest Batch(int start, int count) =>
        new() { Indicators = { Enumerable.Range(start, count).Select(TestIndicators.Ipv4) } };

    private static async Task<List<ChangeEvent>> TakeAsync(IAsyncStreamReader<ChangeEvent> stream, int count, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        var events = new List<ChangeEvent>();
        while (events.Count < count && await stream.MoveNext(timeout.Token))
        {
            events.Add(stream.Current);
        }

        return events;
    }

    [Fact]
    public async Task Submit_OnOneReplica_IsSeenLiveByAWatchOnTheOther()
    {
        var database = await server.CreateDatabaseAsync();
        // One node: both replicas share its signing key (one data directory) and its database.
        using var data = new TemporaryDirectory();
        string[] postgres = ["--store", "postgres", "--postgres", database];
        await using var first = await ServiceProcess.StartAsync(data.Path, postgres);
        await using var second = await ServiceProcess.StartAsync(data.Path, postgres);
        var identity = await first.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest());
        Assert.Equal(identity, await second.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest()));
        Assert.False(File.Exists(Path.Combine(data.Path, "indicators.db")));

        using var watch = second.Client.Watch(new WatchRequest { FeedId = identity.FeedId }, deadline: DateTime.UtcNow + Patience);
        var fromFirst = await first.Client.SubmitAsync(Batch(0, 20), deadline: DateTime.UtcNow + Patience);
        var events = await TakeAsync(watch.ResponseStream, 20, Patience);

        // The watch has caught up and waits: the other replica's next write reaches it through
        // NOTIFY, well before the listener's quiet-channel poll (15 s) would find it.
        var live = TakeAsync(watch.ResponseStream, 10, TimeSpan.FromSeconds(8));
        var alsoFromFirst = await first.Client.SubmitAsync(Batch(20, 10), deadline: DateTime.UtcNow + Patience);
        events.AddRange(await live);
        var fromSecond = await second.Client.SubmitAsync(Batch(30, 5), deadline: DateTime.UtcNow + Patience);
        events.AddRange(await TakeAsync(watch.ResponseStream, 5, Patience));

        Assert.Equal(Enumerable.Range(1, 35).Select(i => (ulong)i), events.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 35).Select(i => TestIndicators.Ipv4(i).Value), events.Select(e => e.Indicator.Value));
        Assert.Equal(new[] { fromFirst, alsoFromFirst, fromSecond }.SelectMany(r => r.Results).Select(r => r.Sequence), events.Select(e => e.Sequence));
        var got = await first.Client.GetAsync(new GetRequest { Id = fromSecond.Results[0].Id }, deadline: DateTime.UtcNow + Patience);
        Assert.Equal(TestIndicators.Ipv4(30).Value, got.Value);
    }
}
