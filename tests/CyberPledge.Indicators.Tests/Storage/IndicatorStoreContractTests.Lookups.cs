using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Storage;

public abstract partial class IndicatorStoreContractTests
{
    [Fact]
    public async Task FindByValue_MatchesOriginTypeAndValue()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1, "x.example")), CancellationToken.None);
        var self = new Origin { Nation = "XX", NodeId = "node-1" };

        var found = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "x.example"), CancellationToken.None);
        var otherOrigin = await _store.ReadAsync(l => l.FindByValue(new Origin { Nation = "FR", NodeId = "node-1" }, IndicatorType.Domain, "x.example"), CancellationToken.None);
        var otherType = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Url, "x.example"), CancellationToken.None);

        Assert.Equal("a", found?.Indicator.Id);
        Assert.Null(otherOrigin);
        Assert.Null(otherType);
    }

    [Fact]
    public async Task FindByValue_WorkRolledBack_IsNotFound()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.Append(Version("a", 1, "gone.example"));
            Assert.NotNull(tx.FindByValue(self, IndicatorType.Domain, "gone.example"));
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));

        Assert.Null(await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "gone.example"), CancellationToken.None));
        Assert.Null(await _store.WriteAsync(tx => tx.FindHeadByValue(self, IndicatorType.Domain, "gone.example"), CancellationToken.None));
    }

    [Fact]
    public async Task FindByValue_AfterUpdateAndReopen_FindsTheLatestVersion()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await _store.WriteAsync(tx => tx.Append(Version("a", 1, "kept.example")), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("a", 2, "kept.example")), CancellationToken.None);
        await _store.DisposeAsync();

        _store = await OpenAsync();
        var found = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "kept.example"), CancellationToken.None);
        var many = await _store.ReadAsync(l => l.FindManyByValue(self, [(IndicatorType.Domain, "kept.example"), (IndicatorType.Domain, "other.example")]), CancellationToken.None);

        Assert.Equal(2ul, found?.Indicator.Version);
        Assert.Equal(2ul, Assert.Single(many).Value.Indicator.Version);
    }

    [Fact]
    public async Task SaveIdempotency_ThenFind_ReturnsTheRecord()
    {
        var expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await _store.WriteAsync(tx =>
        {
            tx.SaveIdempotency(new IdempotencyRecord("k", [1], [2, 3], expires));
            return 0;
        }, CancellationToken.None);

        var record = await _store.ReadAsync(l => l.FindIdempotency("k"), CancellationToken.None);

        Assert.Equal([2, 3], record?.Response);
        Assert.Equal(expires, record?.ExpiresAt);
        Assert.Null(await _store.ReadAsync(l => l.FindIdempotency("other"), CancellationToken.None));
    }

    [Fact]
    public async Task Lookups_InsideTheWork_SeeItsOwnEarlierWrites()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        var expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var seen = await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 1, "own.example"));
            tx.Append(Version("a", 2, "own.example"));
            tx.SaveIdempotency(new IdempotencyRecord("k", [1], [2], expires));
            return (
                ById: tx.FindById("a")?.Indicator.Version,
                ByValue: tx.FindByValue(self, IndicatorType.Domain, "own.example")?.Sequence,
                Many: tx.FindManyByValue(self, [(IndicatorType.Domain, "own.example")]).Count,
                Head: tx.FindHeadById("a"),
                HeadByValue: tx.FindHeadByValue(self, IndicatorType.Domain, "own.example")?.Version,
                Idempotency: tx.FindIdempotency("k")?.ExpiresAt);
        }, CancellationToken.None);

        Assert.Equal(2ul, seen.ById);
        Assert.Equal(2ul, seen.ByValue);
        Assert.Equal(1, seen.Many);
        Assert.Equal(new IndicatorHead("a", 2, 2), seen.Head);
        Assert.Equal(2ul, seen.HeadByValue);
        Assert.Equal(expires, seen.Idempotency);
    }

    [Fact]
    public async Task FindManyByValue_SeveralKeys_ReturnsTheLatestVersionOfEachStoredOne()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 1, "a.example"));
            tx.Append(Version("b", 1, "b.example"));
            return tx.Append(Version("a", 2, "a.example"));
        }, CancellationToken.None);

        var found = await _store.ReadAsync(l => l.FindManyByValue(self, [(IndicatorType.Domain, "a.example"), (IndicatorType.Domain, "b.example"), (IndicatorType.Domain, "c.example"), (IndicatorType.Url, "a.example")]), CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Equal(("a", 2ul), (found[(IndicatorType.Domain, "a.example")].Indicator.Id, found[(IndicatorType.Domain, "a.example")].Indicator.Version));
        Assert.Equal(2ul, found[(IndicatorType.Domain, "b.example")].Sequence);
        Assert.Empty(await _store.ReadAsync(l => l.FindManyByValue(self, []), CancellationToken.None));
    }

    [Fact]
    public async Task Lookups_InsideTheWork_AfterAnAppendMovedAnIndicatorToAnotherValue_FindItOnlyUnderTheNewOne()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await _store.WriteAsync(tx => new[] { tx.Append(Version("a", 1, "old.example")), tx.Append(Version("b", 1, "other.example")) }, CancellationToken.None);

        var seen = await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 2, "new.example"));
            return (
                Other: tx.FindHeadByValue(self, IndicatorType.Domain, "other.example"),
                Old: tx.FindHeadByValue(self, IndicatorType.Domain, "old.example"),
                OldBody: tx.FindByValue(self, IndicatorType.Domain, "old.example"),
                OldMany: tx.FindManyByValue(self, [(IndicatorType.Domain, "old.example")]).Count,
                New: tx.FindByValue(self, IndicatorType.Domain, "new.example")?.Indicator.Version);
        }, CancellationToken.None);

        Assert.Equal(new IndicatorHead("b", 1, 2), seen.Other);
        Assert.Null(seen.Old);
        Assert.Null(seen.OldBody);
        Assert.Equal(0, seen.OldMany);
        Assert.Equal(2ul, seen.New);
        Assert.Null(await _store.ReadAsync(l => l.FindHeadByValue(self, IndicatorType.Domain, "old.example"), CancellationToken.None));
    }
}
