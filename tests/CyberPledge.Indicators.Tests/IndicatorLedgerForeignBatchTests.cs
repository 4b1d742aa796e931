using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

/// <summary>ApplyForeignVersions: a batch in one commit, an outcome per item.</summary>
public sealed class IndicatorLedgerForeignBatchTests : IAsyncLifetime
{
    private const string OtherId = "0b5c3a77-2f1e-4f5e-8a0c-1d2e3f405162";

    private readonly LedgerHarness _harness = new();
    private readonly ForeignOrigin _france = new();

    private ApplyForeignVersionRequest Item(Indicator version) => new() { Indicator = version, OriginPublicKey = _france.PublicKey };

    private Indicator Signed(ulong version = 1, string? id = null)
    {
        var unsigned = ForeignVersions.Unsigned(version: version);
        if (id is not null)
        {
            unsigned.Id = id;
            unsigned.Value = new string('b', 64);
        }

        return _france.Sign(unsigned);
    }

    private Task<ApplyForeignVersionsResponse> ApplyAsync(params ApplyForeignVersionRequest[] items) =>
        _harness.Ledger.ApplyForeignVersionsAsync(new ApplyForeignVersionsRequest { Items = { items } }, CancellationToken.None);

    [Fact]
    public async Task ApplyForeignVersionsAsync_MixedItems_OneOutcomeEachInOrder()
    {
        await _harness.Ledger.ApplyForeignVersionAsync(Item(Signed(2)), CancellationToken.None);
        var fork = ForeignVersions.Unsigned(version: 2);
        fork.Confidence = 10;

        var response = await ApplyAsync(Item(Signed(3)), Item(Signed(1, OtherId)), Item(Signed(2)), Item(_france.Sign(fork)), Item(Signed(3)));

        Assert.Equal(
            [ApplyOutcome.Applied, ApplyOutcome.Applied, ApplyOutcome.Ignored, ApplyOutcome.Equivocation, ApplyOutcome.Ignored],
            response.Results.Select(r => r.Outcome));
        Assert.Equal([2ul, 3ul], response.Results.Take(2).Select(r => r.Sequence));
        Assert.Equal(3ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionsAsync_LaterItemSeesEarlierOne_NewerThenOlderIsIgnored()
    {
        var response = await ApplyAsync(Item(Signed(5)), Item(Signed(4)));

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Ignored], response.Results.Select(r => r.Outcome));
        Assert.Equal(5ul, response.Results[1].StoredVersion);
    }

    [Fact]
    public async Task ApplyForeignVersionsAsync_OneInvalidItem_NothingAppliedAndErrorNamesIt()
    {
        var altered = Signed(1, OtherId);
        altered.Tlp = Tlp.Clear;

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(Item(Signed()), Item(altered)));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith("items[1].indicator.signature:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task ApplyForeignVersionsAsync_BadHopInAnItem_ErrorNamesItemAndHop()
    {
        var item = Item(Signed());
        item.Path.Add(new RelayHop { Nation = "XYZ1", NodeId = "relay" });

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(Item(Signed(1, OtherId)), item));

        Assert.StartsWith("items[1].path[0].nation:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyForeignVersionsAsync_IdOfAnotherOrigin_IsPermissionDeniedAndRollsBackTheBatch()
    {
        using var germany = new ForeignOrigin();
        var hijack = germany.Sign(ForeignVersions.Unsigned(nation: "DEU", node: "berlin", version: 2));
        var hijackItem = new ApplyForeignVersionRequest { Indicator = hijack, OriginPublicKey = germany.PublicKey };

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(Item(Signed()), hijackItem));

        Assert.Equal(IndicatorErrorKind.PermissionDenied, error.Kind);
        Assert.StartsWith("items[1].indicator.id:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0ul, _harness.Store.LastSequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(IndicatorLedger.MaxApplyBatchSize + 1)]
    public async Task ApplyForeignVersionsAsync_ItemCountOutOfRange_IsInvalidArgument(int count)
    {
        var item = Item(Signed());

        var error = await Assert.ThrowsAsync<IndicatorException>(() => ApplyAsync(Enumerable.Repeat(item, count).ToArray()));

        Assert.StartsWith("items: 1-1000 items per request", error.Message, StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _france.Dispose();
    }
}
