namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>The origin pinned to the store (DESIGN.md, decision 17).</summary>
public abstract partial class IndicatorStoreContractTests
{
    private static readonly NodeOrigin First = new("XX", "node-1");
    private static readonly NodeOrigin Other = new("YY", "node-2");

    [Fact]
    public void PinOrigin_NewStore_PinsTheRequestedOrigin()
    {
        Assert.Null(_store.PinnedOrigin);

        Assert.Equal(First, _store.PinOrigin(First));
        Assert.Equal(First, _store.PinnedOrigin);
    }

    [Fact]
    public async Task PinOrigin_AfterReopenWithAnotherOrigin_ReturnsTheFirst()
    {
        _store.PinOrigin(First);
        await _store.DisposeAsync();

        _store = await OpenAsync();

        Assert.Equal(First, _store.PinOrigin(Other));
        Assert.Equal(First, _store.PinnedOrigin);
    }

    [Fact]
    public async Task PinOrigin_ConcurrentFirstPinsOfDifferentOrigins_AllGetTheSameOne()
    {
        var origins = Enumerable.Range(0, 8).Select(i => new NodeOrigin("XX", "node-" + i)).ToList();

        var pinned = await Task.WhenAll(origins.Select(origin => Task.Run(() => _store.PinOrigin(origin))));

        Assert.Single(pinned.Distinct());
        Assert.Contains(pinned[0], origins);
    }
}
