using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

/// <summary>Imported data (SECURITY.md rule 2) federates once an analyst promotes it, or where an agreement shares imported data.</summary>
public sealed class FeedImportedTests
{
    private static readonly DateTimeOffset StixTime = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static async Task<string> ImportAsync(FeedHost host, string value, string uuidEnd)
    {
        var item = new ImportItem
        {
            Source = "taxii-connector:partner-feed",
            StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3" + uuidEnd,
            StixCreated = Timestamp.FromDateTimeOffset(StixTime),
            StixModified = Timestamp.FromDateTimeOffset(StixTime),
            Indicator = Domain(value),
        };
        var result = (await host.IndicatorsAsFederation.ImportAsync(new ImportRequest { Items = { item } })).Results[0];
        Assert.Equal(ImportOutcome.Created, result.Outcome);
        return result.Id;
    }

    [Fact]
    public async Task Subscribe_UnpromotedImportWithheld_PromotedOneSentWithItsProvenance()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        await ImportAsync(host, "imported.example", "cd3f");
        var promotedId = await ImportAsync(host, "promoted.example", "cd40");
        await host.Indicators.PromoteImportedAsync(new PromoteImportedRequest { Id = promotedId, Note = "seen here too" });
        await SubmitAsync(host, Domain("own.example"));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "own.example");

        Assert.Equal(["promoted.example", "own.example"], Values(records));
        var promoted = records[0].Indicator.Version;
        Assert.Equal((2ul, true, CanonicalEncoding.V3), (promoted.Version, promoted.Imported.Promoted, promoted.Encoding));
        Assert.Equal("taxii-connector:partner-feed", promoted.Imported.Source);
    }

    [Fact]
    public async Task Subscribe_AgreementSharesImportedData_UnpromotedImportSent()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally, rules => rules.ShareImported = true));
        await ImportAsync(host, "imported.example", "cd3f");
        await SubmitAsync(host, Domain("own.example"));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "own.example");

        Assert.Equal(["imported.example", "own.example"], Values(records));
        Assert.False(records[0].Indicator.Version.Imported.Promoted);
    }
}
