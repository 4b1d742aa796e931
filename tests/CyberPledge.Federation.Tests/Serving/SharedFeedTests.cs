using System.Diagnostics;
using CyberPledge.Federation.Serving.Feed;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

/// <summary>One reading of this node's feed for every stream: each stream's events stay exact when it joins, leaves and rejoins the shared tail.</summary>
public sealed class SharedFeedTests
{
    [Fact]
    public async Task Read_StreamsLeftBehindByTheTail_CatchUpByThemselvesAndRejoinWithoutGapOrRepeat()
    {
        await using var host = await FeedHost.StartAsync();
        var feed = host.Service<SharedFeed>();
        feed.TailCapacity = 4;
        await SubmitAsync(host, Domain("first.example"));
        var first = await LastSequenceAsync(host);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var slow = feed.Open(first - 1, cancel.Token);
        Assert.Equal([first], await ReadAsync(slow, 1, cancel.Token));
        await using var keeping = feed.Open(first, cancel.Token);
        // Both on the tail once it started (each checks when it finds nothing more of its own).
        await WaitUntilAsync(() => ReadNow(slow).Count == 0 && slow.OnTail && ReadNow(keeping).Count == 0 && keeping.OnTail);

        for (var i = 0; i < 10; i++)
        {
            await SubmitAsync(host, Domain($"burst-{i}.example"));
        }

        await WaitUntilAsync(() => feed.Tail?.LastSequence == first + 10);

        // The tail keeps 4 events: both streams' next one is gone, so each reads its own catch-up, then rejoins.
        var ownReads = feed.OwnReads;
        var burst = Sequences(first + 1, 10);
        Assert.Equal(burst, await ReadAsync(keeping, 10, cancel.Token));
        Assert.Equal(burst, await ReadAsync(slow, 10, cancel.Token));
        Assert.Equal(ownReads + 2, feed.OwnReads);
        await SubmitAsync(host, Domain("after.example"));

        Assert.Equal([first + 11], await ReadAsync(slow, 1, cancel.Token));
        Assert.True(slow.OnTail);
        Assert.Equal([first + 11], await ReadAsync(keeping, 1, cancel.Token));
    }

    [Fact]
    public async Task Read_StreamsFromDifferentPositions_EachGetsEveryEventAfterItsOwnOnceInOrder()
    {
        await using var host = await FeedHost.StartAsync();
        var feed = host.Service<SharedFeed>();
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(host, Domain($"before-{i}.example"));
        }

        var last = await LastSequenceAsync(host);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var live = feed.Open(last, cancel.Token);
        await using var fromStart = feed.Open(last - 5, cancel.Token);
        await using var fromMiddle = feed.Open(last - 2, cancel.Token);
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(host, Domain($"after-{i}.example"));
        }

        Assert.Equal(Sequences(last + 1, 5), await ReadAsync(live, 5, cancel.Token));
        Assert.Equal(Sequences(last - 4, 10), await ReadAsync(fromStart, 10, cancel.Token));
        Assert.Equal(Sequences(last - 1, 7), await ReadAsync(fromMiddle, 7, cancel.Token));
        Assert.True(live.OnTail && fromStart.OnTail && fromMiddle.OnTail);
    }

    private static async Task<List<ulong>> ReadAsync(SessionFeed feed, int count, CancellationToken cancellationToken)
    {
        var sequences = new List<ulong>();
        while (sequences.Count < count)
        {
            sequences.AddRange(ReadNow(feed));
            if (sequences.Count < count)
            {
                await Task.WhenAny(feed.WaitAsync(), Task.Delay(100, cancellationToken));
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return sequences;
    }

    private static List<ulong> Sequences(ulong first, int count) => [.. Enumerable.Range(0, count).Select(i => first + (ulong)i)];

    private static async Task<ulong> LastSequenceAsync(FeedHost host) =>
        (await host.IndicatorsAsFederation.GetNodeIdentityAsync(new GetNodeIdentityRequest())).LastSequence;

    private static List<ulong> ReadNow(SessionFeed feed)
    {
        var sequences = new List<ulong>();
        while (feed.TryRead(out var change))
        {
            sequences.Add(change.Sequence);
        }

        return sequences;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(20);
        }
    }
}
