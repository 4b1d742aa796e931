using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Storage;

/// <summary>
/// The store contract (<see cref="IFederationStore"/>): every implementation passes these tests, through a subclass
/// that says how to make it (SQLite, PostgreSQL).
/// </summary>
public abstract partial class FederationStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SavedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private IFederationStore _store = null!;

    /// <summary>A store, not yet open, over the test's data: empty at the first call, the same data at later calls (a restart).</summary>
    internal abstract Task<IFederationStore> CreateAsync();

    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await OpenAsync();

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await CleanUpAsync();
    }

    [Fact]
    public async Task GetCursorAsync_NothingSaved_Null() =>
        Assert.Null(await _store.GetCursorAsync("JPN", CancellationToken.None));

    [Fact]
    public async Task SaveCursorAsync_ThenReopen_SameCursorPerNation()
    {
        await _store.SaveCursorAsync("JPN", new LinkCursor([1, 2, 3], 3, SavedAt), CancellationToken.None);
        await _store.SaveCursorAsync("NLD", new LinkCursor([9], 1, SavedAt.AddSeconds(1)), CancellationToken.None);
        await _store.SaveCursorAsync("JPN", new LinkCursor([4, 5], 7, SavedAt.AddSeconds(2)), CancellationToken.None);

        await RestartAsync();

        var japan = await _store.GetCursorAsync("JPN", CancellationToken.None);
        var netherlands = await _store.GetCursorAsync("NLD", CancellationToken.None);
        Assert.Equal([4, 5], japan!.Cursor);
        Assert.Equal(7ul, japan.Applied);
        Assert.Equal(SavedAt.AddSeconds(2), japan.SavedAt);
        Assert.Equal([9], netherlands!.Cursor);
        Assert.Equal(1ul, netherlands.Applied);
    }

    [Fact]
    public async Task GetOrCreateSealingKeyAsync_AcrossReopen_SameRandom256BitKey()
    {
        var first = await _store.GetOrCreateSealingKeyAsync(CancellationToken.None);

        await RestartAsync();

        Assert.Equal(32, first.Length);
        Assert.NotEqual(new byte[32], first);
        Assert.Equal(first, await _store.GetOrCreateSealingKeyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DueHoldsAsync_HoldsOfSeveralGrantees_DueOnesOfOneGranteeInReleaseOrderAcrossRestart()
    {
        var release = SavedAt.AddHours(1);
        await _store.HoldAsync("JPN", new EmbargoHold(7, release.AddMinutes(5), [7]), CancellationToken.None);
        await _store.HoldAsync("JPN", new EmbargoHold(3, release.AddMinutes(5), [3]), CancellationToken.None);
        await _store.HoldAsync("JPN", new EmbargoHold(9, release, [9]), CancellationToken.None);
        await _store.HoldAsync("JPN", new EmbargoHold(11, release.AddHours(2), [11]), CancellationToken.None);
        await _store.HoldAsync("KOR", new EmbargoHold(1, release, [1]), CancellationToken.None);
        // Held again: the same sequence is replaced, not doubled.
        await _store.HoldAsync("JPN", new EmbargoHold(7, release.AddMinutes(5), [70]), CancellationToken.None);

        await RestartAsync();
        var due = await _store.DueHoldsAsync("JPN", ReleasePosition.Start, release.AddHours(1), 10, CancellationToken.None);
        var afterFirst = await _store.DueHoldsAsync("JPN", due[0].Position, release.AddHours(1), 1, CancellationToken.None);
        var next = await _store.NextReleaseAsync("JPN", due[^1].Position, CancellationToken.None);

        Assert.Equal([9ul, 3ul, 7ul], due.Select(h => h.Sequence));
        Assert.Equal([70], due[2].ChangeEvent);
        Assert.Equal(3ul, Assert.Single(afterFirst).Sequence);
        Assert.Equal(release.AddHours(2), next);
    }

    [Fact]
    public async Task ForgetHoldsAsync_UpToAPosition_LeavesLaterHoldsAndOtherGrantees()
    {
        var release = SavedAt.AddHours(1);
        await _store.HoldAsync("JPN", new EmbargoHold(1, release, [1]), CancellationToken.None);
        await _store.HoldAsync("JPN", new EmbargoHold(2, release.AddMinutes(1), [2]), CancellationToken.None);
        await _store.HoldAsync("KOR", new EmbargoHold(1, release, [1]), CancellationToken.None);

        await _store.ForgetHoldsAsync("JPN", new ReleasePosition(release.UtcTicks, 1), CancellationToken.None);
        var left = await _store.DueHoldsAsync("JPN", ReleasePosition.Start, release.AddDays(1), 10, CancellationToken.None);
        var korea = await _store.NextReleaseAsync("KOR", ReleasePosition.Start, CancellationToken.None);
        var none = await _store.NextReleaseAsync("JPN", left[0].Position, CancellationToken.None);

        Assert.Equal(2ul, Assert.Single(left).Sequence);
        Assert.Equal(release, korea);
        Assert.Null(none);
    }

    [Fact]
    public async Task DisableLinkAsync_ThenReopen_KeptUntilEnabled()
    {
        await _store.DisableLinkAsync(new DisabledLink("JPN", "first cut", SavedAt), CancellationToken.None);
        await _store.DisableLinkAsync(new DisabledLink("FRA", "cut", SavedAt), CancellationToken.None);
        // Cut again: why and when are replaced, not doubled.
        await _store.DisableLinkAsync(new DisabledLink("JPN", "cut again", SavedAt.AddMinutes(5)), CancellationToken.None);

        await RestartAsync();
        var cut = await _store.DisabledLinksAsync(CancellationToken.None);
        var enabled = await _store.EnableLinkAsync("FRA", CancellationToken.None);
        var again = await _store.EnableLinkAsync("FRA", CancellationToken.None);
        await RestartAsync();
        var left = await _store.DisabledLinksAsync(CancellationToken.None);

        Assert.Equal([new DisabledLink("FRA", "cut", SavedAt), new DisabledLink("JPN", "cut again", SavedAt.AddMinutes(5))], cut);
        Assert.True(enabled);
        Assert.False(again);
        Assert.Equal("JPN", Assert.Single(left).Nation);
    }

    private async Task<IFederationStore> OpenAsync()
    {
        var store = await CreateAsync();
        await store.OpenAsync(CancellationToken.None);
        return store;
    }

    private async Task RestartAsync()
    {
        await _store.DisposeAsync();
        _store = await OpenAsync();
    }
}
