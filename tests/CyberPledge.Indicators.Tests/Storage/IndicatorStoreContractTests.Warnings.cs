using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>Warning flags and their reviews (SECURITY.md rule 4), on every store.</summary>
public abstract partial class IndicatorStoreContractTests
{
    private static readonly DateTimeOffset ReviewedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static WarningFlag Flag(ulong version, WarningState state = WarningState.Unconfirmed) => new()
    {
        Version = version,
        State = state,
        Matches = { new WarningMatch { List = "reserved-ranges", Entry = "10.0.0.0/8" } },
        FlaggedAt = Timestamp.FromDateTimeOffset(ReviewedAt),
    };

    [Fact]
    public async Task SetWarning_ShownOnGetQueryAndFeed_AndFilteredByState()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        await _store.WriteAsync(tx => { tx.SetWarning("b", Flag(1)); return tx.Append(Version("b", 1, "b.example")); }, CancellationToken.None);

        Assert.Equal(Flag(1), (await _store.GetAsync("b", 0, CancellationToken.None))!.Indicator.Warning);
        Assert.Null((await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Warning);
        Assert.Equal([false, true], (await _store.ReadFeedAsync(0, 10, CancellationToken.None)).Select(s => s.Indicator.Warning is not null));
        Assert.Equal(["a", "b"], await QueryIdsAsync(WarningFilter.Any));
        Assert.Equal(["a"], await QueryIdsAsync(WarningFilter.ExcludeUnconfirmed));
        Assert.Equal(["b"], await QueryIdsAsync(WarningFilter.UnconfirmedOnly));

        await _store.WriteAsync(tx => { tx.SetWarning("b", Flag(1, WarningState.Confirmed)); return 0; }, CancellationToken.None);

        Assert.Equal(["a", "b"], await QueryIdsAsync(WarningFilter.ExcludeUnconfirmed));
        Assert.Empty(await QueryIdsAsync(WarningFilter.UnconfirmedOnly));
    }

    private async Task<string[]> QueryIdsAsync(WarningFilter filter) =>
        [.. (await _store.QueryAsync(new IndicatorFilter { Warnings = filter }, 0, 10, CancellationToken.None)).Select(s => s.Indicator.Id)];

    [Fact]
    public async Task SetWarning_LaterLookupInTheSameWork_SeesIt_AndClearWarningRemovesIt()
    {
        var seen = await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 1));
            tx.SetWarning("a", Flag(1));
            return tx.FindById("a")!.Indicator.Warning;
        }, CancellationToken.None);

        await _store.WriteAsync(tx => { tx.ClearWarning("a"); return tx.Append(Version("a", 2)); }, CancellationToken.None);

        Assert.Equal(Flag(1), seen);
        Assert.Null((await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Warning);
    }

    [Fact]
    public async Task RecordWarningReview_KeptInOrder_RolledBackWithItsWork_AndAfterReopen()
    {
        await _store.WriteAsync(tx =>
        {
            tx.RecordWarningReview(new WarningReviewRecord("a", 1, WarningState.Confirmed, "alice (analyst)", "checked", ReviewedAt));
            tx.RecordWarningReview(new WarningReviewRecord("a", 1, WarningState.Unconfirmed, "bob (admin)", "", ReviewedAt.AddMinutes(1)));
            return 0;
        }, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.SetWarning("a", Flag(1));
            tx.RecordWarningReview(new WarningReviewRecord("a", 1, WarningState.Confirmed, "mallory (analyst)", "", ReviewedAt));
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));
        await _store.DisposeAsync();

        _store = await OpenAsync();

        var reviews = await _store.ReadAsync(l => l.FindWarningReviews("a"), CancellationToken.None);
        Assert.Equal(
            [new WarningReviewRecord("a", 1, WarningState.Confirmed, "alice (analyst)", "checked", ReviewedAt),
             new WarningReviewRecord("a", 1, WarningState.Unconfirmed, "bob (admin)", "", ReviewedAt.AddMinutes(1))],
            reviews);
        Assert.Empty(await _store.ReadAsync(l => l.FindWarningReviews("b"), CancellationToken.None));
        Assert.Empty(await QueryIdsAsync(WarningFilter.UnconfirmedOnly));
    }
}
