using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

public sealed class FeedServerTests
{
    [Fact]
    public async Task Subscribe_PartnerAgreement_SendsOnlyAllowedVersionsRedactedAndVerifiable()
    {
        await using var host = await FeedHost.StartAsync(Agreement("JPN", Tier.Partner));
        var identity = await host.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest());
        await SubmitAsync(host, Domain("red.example", Tlp.Red));
        await SubmitAsync(host, Domain("amber.example", Tlp.Amber));
        await SubmitAsync(host, Domain("strict.example", Tlp.AmberStrict));
        await SubmitAsync(host, Domain("green.example", Tlp.Green));
        await SubmitAsync(host, Domain("clear.example", Tlp.Clear));

        using var call = host.Peer("JPN").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "clear.example");

        Assert.Equal(["green.example", "clear.example"], Values(records));
        var verifier = new IndicatorSignatureVerifier(new VerifiedBatchCache());
        foreach (var record in records.Where(r => r.Indicator is not null))
        {
            var copy = record.Indicator.Version;
            Assert.Null(copy.Sensitive);
            Assert.Equal("phishing kit", copy.Description);
            Assert.Equal(RedactableFields.Sensitive, IndicatorRedaction.Redacted(copy));
            Assert.True(verifier.Verify(copy, identity.PublicKey.Span).IsValid);
            Assert.Empty(record.Indicator.Path);
        }
    }

    [Fact]
    public async Task Subscribe_AllyAgreement_SendsAmberButNeverAmberStrictOrRed()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        await SubmitAsync(host, Domain("strict.example", Tlp.AmberStrict));
        await SubmitAsync(host, Domain("red.example", Tlp.Red));
        await SubmitAsync(host, Domain("amber.example", Tlp.Amber));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "amber.example");

        Assert.Equal(["amber.example"], Values(records));
        // The ally baseline redacts the internal notes (and with them, under v2, only them).
        Assert.Equal("NCSC-NL", records[^1].Indicator.Version.Sensitive.ReportingOrganisation);
        Assert.Equal("", records[^1].Indicator.Version.Sensitive.InternalNotes);
    }

    [Fact]
    public async Task Subscribe_RelayedVersions_FollowTheOriginsDistributionAndThePath()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally), Agreement("JPN", Tier.Partner, r => { r.MayReshare = true; r.HopLimit = 1; }));
        var allies = new RelayAudience { Tiers = { Tier.Ally } };
        await ApplyForeignAsync(host, france, "FRA", "allies.example", Tlp.Green, allies, Tlp.Green);
        await ApplyForeignAsync(host, france, "FRA", "japan-only.example", Tlp.Green, new RelayAudience { Nations = { "JPN" } }, Tlp.Green);
        await ApplyForeignAsync(host, france, "FRA", "over-relay-tlp.example", Tlp.Amber, allies, Tlp.Green);
        await ApplyForeignAsync(host, france, "DEU", "from-germany.example", Tlp.Green, allies, Tlp.Amber);
        await SubmitAsync(host, Domain("own.example"));

        using var germany = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var toGermany = await ReadUntilAsync(germany.ResponseStream, "own.example");
        using var japan = host.Peer("JPN").Subscribe(new SubscribeRequest());
        var toJapan = await ReadUntilAsync(japan.ResponseStream, "own.example");
        using var direct = host.Peer("DEU").Subscribe(new SubscribeRequest { DirectOrigins = { "FRA" } });
        var toGermanyDirect = await ReadUntilAsync(direct.ResponseStream, "own.example");

        Assert.Equal(["allies.example", "own.example"], Values(toGermany));
        var relayed = toGermany[0].Indicator;
        Assert.Equal([new RelayHop { Nation = FeedHost.Nation, NodeId = FeedHost.NodeId }], relayed.Path);
        Assert.True(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(relayed.Version, france.PublicKey).IsValid);
        Assert.Equal(["japan-only.example", "own.example"], Values(toJapan));
        Assert.Equal(["own.example"], Values(toGermanyDirect));
    }

    [Fact]
    public async Task Subscribe_ResumeFromCursor_NeitherLosesNorRepeats()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        await SubmitAsync(host, Domain("one.example"));
        await SubmitAsync(host, Domain("withheld.example", Tlp.Red));
        await SubmitAsync(host, Domain("two.example"));
        ByteString cursor;
        using (var first = host.Peer("DEU").Subscribe(new SubscribeRequest()))
        {
            cursor = (await ReadUntilAsync(first.ResponseStream, "one.example"))[^1].Cursor;
        }

        await SubmitAsync(host, Domain("three.example"));
        using var second = host.Peer("DEU").Subscribe(new SubscribeRequest { Cursor = cursor });
        var resumed = await ReadUntilAsync(second.ResponseStream, "three.example");

        Assert.Equal(["two.example", "three.example"], Values(resumed));
    }

    [Fact]
    public async Task Subscribe_ForgedForeignOrAlteredCursor_IsInvalidArgument()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally), Agreement("FRA", Tier.Ally));
        await SubmitAsync(host, Domain("one.example"));
        using var first = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var germanCursor = (await ReadUntilAsync(first.ResponseStream, "one.example"))[^1].Cursor;
        var altered = germanCursor.ToByteArray();
        altered[^20] ^= 1;

        foreach (var (nation, cursor) in new[]
                 {
                     ("DEU", ByteString.CopyFrom(new FeedCursor("feed", 1, default).Encode())),
                     ("DEU", ByteString.CopyFrom(altered)),
                     ("FRA", germanCursor),
                 })
        {
            using var call = host.Peer(nation).Subscribe(new SubscribeRequest { Cursor = cursor });
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.StartsWith("cursor", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Subscribe_NoAgreementInForce_IsPermissionDenied()
    {
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally, status: AgreementStatus.Suspended));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }
}
