using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>A Watch client resumes from its cursor after the service process was killed and started again.</summary>
public sealed class WatchAcrossRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static async Task<List<ChangeEvent>> TakeAsync(V1.Indicators.IndicatorsClient client, WatchRequest request, int count)
    {
        using var call = client.Watch(request, deadline: DateTime.UtcNow + Patience);
        var events = new List<ChangeEvent>();
        while (events.Count < count && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(call.ResponseStream.Current);
        }

        return events;
    }

    private static SubmitRequest Batch(int start, int count) =>
        new() { Indicators = { Enumerable.Range(start, count).Select(TestIndicators.Ipv4) } };

    [Fact]
    public async Task Watch_ResumedFromCursorAfterProcessKill_HasNoGapAndNoDuplicate()
    {
        using var data = new TemporaryDirectory();
        List<ChangeEvent> before;
        string feedId;
        await using (var first = await ServiceProcess.StartAsync(data.Path))
        {
            await first.Client.SubmitAsync(Batch(0, 50), deadline: DateTime.UtcNow + Patience);
            feedId = (await first.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest())).FeedId;
            before = await TakeAsync(first.Client, new WatchRequest { FeedId = feedId }, 30);
            await first.KillAsync();
        }

        await using var second = await ServiceProcess.StartAsync(data.Path);
        await second.Client.SubmitAsync(Batch(50, 20), deadline: DateTime.UtcNow + Patience);
        var after = await TakeAsync(second.Client, new WatchRequest { AfterSequence = before[^1].Sequence, FeedId = feedId }, 40);

        var all = before.Concat(after).ToList();
        Assert.Equal(Enumerable.Range(1, 70).Select(i => (ulong)i), all.Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(0, 70).Select(i => TestIndicators.Ipv4(i).Value), all.Select(e => e.Indicator.Value));
        Assert.Equal(feedId, (await second.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest())).FeedId);
    }
}
