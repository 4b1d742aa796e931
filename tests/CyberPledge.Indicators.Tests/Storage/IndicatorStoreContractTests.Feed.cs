using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Storage;

public abstract partial class IndicatorStoreContractTests
{
    [Fact]
    public async Task ReadFeedAsync_AfterCursor_ReturnsLaterVersionsInOrder()
    {
        await _store.WriteAsync(tx => Enumerable.Range(1, 5).Select(i => tx.Append(Version("a", (ulong)i))).ToList(), CancellationToken.None);

        var page = await _store.ReadFeedAsync(2, 2, CancellationToken.None);

        Assert.Equal([3ul, 4ul], page.Select(s => s.Sequence));
        Assert.Equal([3ul, 4ul], page.Select(s => s.Indicator.Version));
    }

    [Fact]
    public async Task ReadFeedAsync_EachVersion_CarriesTheSequenceOfItsIndicatorsLatestVersion()
    {
        await _store.WriteAsync(tx => new[] { tx.Append(Version("a", 1)), tx.Append(Version("b", 1)), tx.Append(Version("a", 2)) }.ToList(), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Remove(tx.FindById("b")!), CancellationToken.None);

        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);

        // a's first version (1) has a later one (3); a's latest is itself; b left the node (its versions with it), so
        // its removal has no latest version.
        Assert.Equal([(1ul, 3ul), (3ul, 3ul), (4ul, 0ul)], feed.Select(s => (s.Sequence, s.LatestSequence)));
    }

    [Fact]
    public async Task ReadFeedAsync_VersionsStoredInOneCommit_HaveStrictlyIncreasingStoredTimes()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await _store.WriteAsync(tx => Enumerable.Range(1, 50).Select(i => tx.Append(Version("a", (ulong)i))).ToList(), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("b", 1)), CancellationToken.None);

        var page = await _store.ReadFeedAsync(0, 100, CancellationToken.None);

        Assert.Equal(51, page.Count);
        Assert.All(page.Zip(page.Skip(1)), pair => Assert.True(pair.Second.StoredAt > pair.First.StoredAt));
        Assert.InRange(page[0].StoredAt, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(0, page[0].StoredAt.Ticks % 10);
    }

    [Fact]
    public async Task ReadFeedAsync_RemovalInTheSameCommitAsVersions_IsStoredAfterThem()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        await _store.WriteAsync(tx => { tx.Append(Version("b", 1)); return tx.Remove(tx.FindById("a")!); }, CancellationToken.None);

        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);
        Assert.Equal([(2ul, false), (3ul, true)], feed.Select(s => (s.Sequence, s.Removed)));
        Assert.True(feed[1].StoredAt > feed[0].StoredAt);
    }

    [Fact]
    public async Task WaitForChangeAsync_CompletesOnlyAfterACommit()
    {
        var waiting = _store.WaitForChangeAsync(0, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task QueryAsync_EachFilter_SelectsMatchingLatestVersions()
    {
        await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 1, "a.example", Tlp.Green, Sector.Energy));
            tx.Append(Version("b", 1, "b.example", Tlp.Red, Sector.Water));
            tx.Append(Version("a", 2, "a.example", Tlp.Amber, Sector.Energy, Sector.Water));
            var revoked = Version("c", 1, "c.example");
            revoked.Revoked = true;
            return tx.Append(revoked);
        }, CancellationToken.None);

        async Task<string[]> Ids(IndicatorFilter filter) =>
            (await _store.QueryAsync(filter, 0, 10, CancellationToken.None)).Select(s => s.Indicator.Id + s.Indicator.Version).ToArray();

        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter()));
        Assert.Equal(["b1", "a2", "c1"], await Ids(new IndicatorFilter { IncludeRevoked = true }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { Value = "a.example", Type = IndicatorType.Domain }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { Sector = Sector.Water }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { Sector = Sector.Energy }));
        Assert.Equal(["b1"], await Ids(new IndicatorFilter { Tlp = Tlp.Red }));
        Assert.Empty(await Ids(new IndicatorFilter { OriginNation = "FR" }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { OriginNation = "XX", OriginNodeId = "node-1" }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { ModifiedSince = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { Text = "campaign-7" }));
        Assert.Equal(["b1"], await Ids(new IndicatorFilter { Text = "B.EXAMPLE" }));
        Assert.Empty(await Ids(new IndicatorFilter { Text = "%" }));
    }

    [Fact]
    public async Task QueryAsync_AfterSequenceAndLimit_Pages()
    {
        await _store.WriteAsync(tx => Enumerable.Range(0, 5).Select(i => tx.Append(Version("i" + i, 1, $"{i}.example"))).ToList(), CancellationToken.None);

        var page = await _store.QueryAsync(new IndicatorFilter(), 2, 2, CancellationToken.None);

        Assert.Equal([3ul, 4ul], page.Select(s => s.Sequence));
    }

    [Theory]
    [InlineData(9_223_372_036_854_775_808ul)]
    [InlineData(ulong.MaxValue)]
    public async Task QueryAndReadFeed_AfterASequenceNoStoreHolds_ReturnNothing(ulong after)
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        Assert.Empty(await _store.QueryAsync(new IndicatorFilter(), after, 10, CancellationToken.None));
        Assert.Empty(await _store.ReadFeedAsync(after, 10, CancellationToken.None));
    }

    [Fact]
    public async Task ReadFeedAsync_DuringConcurrentWrites_AlwaysReturnsAGapFreeRun()
    {
        const int Writes = 60;
        var writes = Task.Run(async () =>
        {
            var pending = new List<Task<ulong>>();
            for (var i = 0; i < Writes; i++)
            {
                var n = i;
                pending.Add(_store.WriteAsync(tx => tx.Append(Version("c" + n, 1, $"{n}.example")), CancellationToken.None));
                if (n % 7 == 0)
                {
                    await Task.Yield();
                }
            }

            return await Task.WhenAll(pending);
        });

        ulong cursor = 0;
        while (cursor < Writes)
        {
            // A reader that sees sequence N + 1 must see N: a page never skips a sequence.
            var page = await _store.ReadFeedAsync(cursor, 7, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, page.Count).Select(i => cursor + (ulong)i), page.Select(s => s.Sequence));
            cursor = page.Count > 0 ? page[^1].Sequence : cursor;
            if (page.Count == 0)
            {
                await _store.WaitForChangeAsync(cursor, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        Assert.Equal(Writes, (await writes).Length);
    }

    [Fact]
    public async Task WaitForChangeAsync_Cancelled_ThrowsAndLaterCommitsStillSignal()
    {
        using var cancel = new CancellationTokenSource();
        var cancelled = _store.WaitForChangeAsync(0, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        await _store.WaitForChangeAsync(0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1ul, _store.LastSequence);
    }
}
