using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>The links that provide a foreign indicator, and its removal from the feed (SECURITY.md rule 6), on every store.</summary>
public abstract partial class IndicatorStoreContractTests
{
    [Fact]
    public async Task AddProvider_TwiceAndAnother_EachOnceInOrdinalOrderAcrossRestart()
    {
        await _store.WriteAsync(tx =>
        {
            tx.AddProvider("a", "NLD");
            tx.AddProvider("a", "DEU");
            tx.AddProvider("a", "NLD");
            tx.AddProvider("b", "POL");
            return tx.FindProviders("a");
        }, CancellationToken.None);

        await RestartAsync();

        Assert.Equal(["DEU", "NLD"], await _store.WriteAsync(tx => tx.FindProviders("a"), CancellationToken.None));
        await _store.WriteAsync(tx => { tx.RemoveProvider("a", "NLD"); return 0; }, CancellationToken.None);
        Assert.Equal(["DEU"], await _store.WriteAsync(tx => tx.FindProviders("a"), CancellationToken.None));
        Assert.Equal(["POL"], await _store.WriteAsync(tx => tx.FindProviders("b"), CancellationToken.None));
    }

    [Fact]
    public async Task Remove_IndicatorLeavesGetQueryAndValueLookup_FeedEndsWithTheRemoval()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1), new ReceivedCopy(TwoHops, [9])), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("b", 1, "b.example")), CancellationToken.None);
        await _store.WriteAsync(tx => { tx.AddProvider("a", "NLD"); return tx.Append(Version("a", 2), new ReceivedCopy(TwoHops, [9])); }, CancellationToken.None);
        var latest = (await _store.GetAsync("a", 0, CancellationToken.None))!;

        var removal = await _store.WriteAsync(tx => tx.Remove(latest), CancellationToken.None);

        Assert.Equal(4ul, removal);
        Assert.Equal(4ul, _store.LastSequence);
        Assert.Null(await _store.GetAsync("a", 0, CancellationToken.None));
        Assert.Null(await _store.GetAsync("a", 1, CancellationToken.None));
        Assert.Null(await _store.ReadAsync(l => l.FindByValue(Version("a", 1).Origin, IndicatorType.Domain, "a.example"), CancellationToken.None));
        Assert.Equal(["b"], (await _store.QueryAsync(new IndicatorFilter(), 0, 10, CancellationToken.None)).Select(s => s.Indicator.Id));
        Assert.Empty(await _store.WriteAsync(tx => tx.FindProviders("a"), CancellationToken.None));
        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);
        Assert.Equal([(2ul, "b", false), (4ul, "a", true)], feed.Select(s => (s.Sequence, s.Indicator.Id, s.Removed)));
        Assert.Equal(2ul, feed[1].Indicator.Version);
        Assert.Equal(TwoHops, feed[1].RelayPath);
    }

    [Fact]
    public async Task Remove_ThenAppliedAgainAndRemovedAgain_OneRemovalInTheFeedAndTheIndicatorBackBetween()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Remove(tx.FindById("a")!), CancellationToken.None);

        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        Assert.Equal(1ul, (await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Version);
        Assert.NotNull(await _store.ReadAsync(l => l.FindByValue(Version("a", 1).Origin, IndicatorType.Domain, "a.example"), CancellationToken.None));
        await _store.WriteAsync(tx => tx.Remove(tx.FindById("a")!), CancellationToken.None);

        await RestartAsync();

        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);
        Assert.Equal([(4ul, true)], feed.Select(s => (s.Sequence, s.Removed)));
        Assert.Equal(4ul, _store.LastSequence);
    }

    private async Task RestartAsync()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync();
    }
}
