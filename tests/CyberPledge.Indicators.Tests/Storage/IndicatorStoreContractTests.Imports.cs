using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>Imported indicators (SECURITY.md rule 2), on every store: kept with their provenance, never found by value.</summary>
public abstract partial class IndicatorStoreContractTests
{
    private static readonly Origin Self = new() { Nation = "XX", NodeId = "node-1" };

    private static Indicator Imported(string id, ulong version, string value = "a.example")
    {
        var indicator = Version(id, version, value);
        indicator.Origin = Self.Clone();
        indicator.Imported = new ImportProvenance
        {
            Source = "taxii-connector:feed",
            StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f",
            StixModified = new Timestamp { Seconds = 1_700_000_000 },
        };
        return indicator;
    }

    [Fact]
    public async Task Append_Imported_ReturnedWithItsProvenanceByGetQueryAndFeed()
    {
        var version = Imported("i", 1);
        await _store.WriteAsync(tx => tx.Append(version), CancellationToken.None);

        Assert.Equal(version.Imported, (await _store.GetAsync("i", 0, CancellationToken.None))!.Indicator.Imported);
        Assert.Equal(version.Imported, (await _store.QueryAsync(new IndicatorFilter(), 0, 10, CancellationToken.None)).Single().Indicator.Imported);
        Assert.Equal(version.Imported, (await _store.ReadFeedAsync(0, 10, CancellationToken.None)).Single().Indicator.Imported);
    }

    [Fact]
    public async Task FindByValue_SameValueImportedAndOwn_FindsTheOwnOnly()
    {
        var own = Version("own", 1);
        own.Origin = Self.Clone();
        var found = await _store.WriteAsync(tx =>
        {
            tx.Append(Imported("i", 1));
            var beforeOwn = (tx.FindByValue(Self, own.Type, own.Value), tx.FindHeadByValue(Self, own.Type, own.Value));
            tx.Append(own);
            tx.Append(Imported("i", 2));
            return (beforeOwn, tx.FindByValue(Self, own.Type, own.Value)?.Indicator.Id, tx.FindHeadByValue(Self, own.Type, own.Value)?.Id);
        }, CancellationToken.None);
        var committed = await _store.ReadAsync(
            l => (l.FindByValue(Self, own.Type, own.Value)?.Indicator.Id, l.FindHeadByValue(Self, own.Type, own.Value)?.Id,
                l.FindManyByValue(Self, [(own.Type, own.Value)]).Values.Single().Indicator.Id),
            CancellationToken.None);

        Assert.Equal((null, null), found.beforeOwn);
        Assert.Equal(("own", "own"), (found.Item2, found.Item3));
        Assert.Equal(("own", "own", "own"), committed);
    }

    [Fact]
    public async Task RecordImportPromotion_KeptInOrder()
    {
        var at = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        await _store.WriteAsync(tx =>
        {
            tx.Append(Imported("i", 1));
            tx.RecordImportPromotion(new ImportPromotionRecord("i", 2, "alice (analyst)", "seen on our sensors", at));
            tx.RecordImportPromotion(new ImportPromotionRecord("i", 4, "bob (admin)", "", at.AddHours(1)));
            return 0;
        }, CancellationToken.None);

        var promotions = await _store.ReadAsync(l => l.FindImportPromotions("i"), CancellationToken.None);

        Assert.Equal(
            [new ImportPromotionRecord("i", 2, "alice (analyst)", "seen on our sensors", at), new ImportPromotionRecord("i", 4, "bob (admin)", "", at.AddHours(1))],
            promotions);
        Assert.Empty(await _store.ReadAsync(l => l.FindImportPromotions("other"), CancellationToken.None));
    }
}
