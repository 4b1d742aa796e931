using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Policy;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

/// <summary>Withdrawals at the source (SECURITY.md rule 6): a tightened version reaches those that held an earlier one, and only them.</summary>
public sealed class FeedWithdrawalTests
{
    private static V1.SharingAgreement GreenOnly(ulong version = 1, Tlp max = Tlp.Green) => Agreement("JPN", Tier.Partner, r => r.MaxTlp = max, version);

    private static List<Withdrawal> Withdrawals(IEnumerable<FeedRecord> records) =>
        [.. records.Where(r => r.KindCase == FeedRecord.KindOneofCase.Withdrawal).Select(r => r.Withdrawal)];

    private static async Task<SubmitResult> SubmitOneAsync(FeedHost host, IndicatorSubmission submission) =>
        (await host.Indicators.SubmitAsync(new SubmitRequest { Indicators = { submission } })).Results[0];

    [Fact]
    public async Task Subscribe_VersionWithheldAfterAnEarlierWasSent_SignedWithdrawalForThatGranteeAudited()
    {
        await using var host = await FeedHost.StartAsync(GreenOnly());
        var identity = await host.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest());
        var first = await SubmitOneAsync(host, Domain("tightened.example"));
        using var call = host.Peer("JPN").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(call.ResponseStream, "tightened.example");

        await SubmitOneAsync(host, Domain("tightened.example", Tlp.Amber));
        await SubmitAsync(host, Domain("marker.example"));
        var records = await ReadUntilAsync(call.ResponseStream, "marker.example");

        var withdrawal = Assert.Single(Withdrawals(records));
        Assert.Equal((first.Id, 2ul, "JPN"), (withdrawal.IndicatorId, withdrawal.Version, withdrawal.Grantee));
        Assert.Equal(identity.Origin, withdrawal.Sender);
        Assert.Equal(identity.Origin, withdrawal.Origin);
        Assert.True(WithdrawalSignature.Verify(withdrawal, identity.PublicKey.Span).IsValid);
        Assert.Equal(["marker.example"], Values(records));
        var audited = await DecisionAsync(host, d => d.Outcome == ServeOutcome.Withdraw);
        Assert.Equal(("JPN", first.Id, 2ul, "max_tlp"), (audited.Grantee, audited.IndicatorId, audited.Version, audited.Rule));
    }

    [Fact]
    public async Task Subscribe_VersionsNeverSent_NoWithdrawalForThem()
    {
        await using var host = await FeedHost.StartAsync(GreenOnly(), Agreement("DEU", Tier.Ally));
        await SubmitAsync(host, Domain("never-green.example", Tlp.Amber));
        await SubmitOneAsync(host, Domain("never-green.example", Tlp.Red));
        await SubmitAsync(host, Domain("marker.example"));

        using var japan = host.Peer("JPN").Subscribe(new SubscribeRequest());
        var toJapan = await ReadUntilAsync(japan.ResponseStream, "marker.example");
        using var germany = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var toGermany = await ReadUntilAsync(germany.ResponseStream, "marker.example");

        // Japan never held it, so it learns nothing of it (SECURITY.md rule 5); Germany held the AMBER version.
        Assert.Empty(Withdrawals(toJapan));
        Assert.Equal(["marker.example"], Values(toJapan));
        Assert.Equal(2ul, Assert.Single(Withdrawals(toGermany)).Version);
    }

    [Fact]
    public async Task Subscribe_ResumedFromACursorBeforeTheWithdrawal_WithdrawalSentAgain()
    {
        await using var host = await FeedHost.StartAsync(GreenOnly());
        await SubmitAsync(host, Domain("tightened.example"));
        ByteString cursor;
        using (var call = host.Peer("JPN").Subscribe(new SubscribeRequest()))
        {
            cursor = (await ReadUntilAsync(call.ResponseStream, "tightened.example"))[^1].Cursor;
            await SubmitOneAsync(host, Domain("tightened.example", Tlp.Amber));
            await SubmitAsync(host, Domain("marker.example"));
            Assert.Single(Withdrawals(await ReadUntilAsync(call.ResponseStream, "marker.example")));
        }

        // The subscriber crashed before storing the withdrawal's cursor: it comes again (harmless), it is never lost.
        using var resumed = host.Peer("JPN").Subscribe(new SubscribeRequest { Cursor = cursor });
        var again = await ReadUntilAsync(resumed.ResponseStream, "marker.example");

        Assert.Equal(2ul, Assert.Single(Withdrawals(again)).Version);
    }

    [Fact]
    public async Task Subscribe_RevocationOfAnIndicatorTheGranteeHeld_DeliveredDespiteANarrowedAgreement()
    {
        await using var host = await FeedHost.StartAsync(GreenOnly());
        var first = await SubmitOneAsync(host, Domain("revoked.example"));
        using var call = host.Peer("JPN").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(call.ResponseStream, "revoked.example");

        host.Partners.Set(GreenOnly(version: 2, max: Tlp.Clear));
        await host.Indicators.RevokeAsync(new RevokeRequest { Id = first.Id });
        var records = await ReadUntilAsync(call.ResponseStream, "revoked.example");

        Assert.True(records[^1].Indicator.Version.Revoked);
        Assert.Empty(Withdrawals(records));
        Assert.Equal(ServeOutcome.Send, (await DecisionAsync(host, d => d.Rule == PolicyRules.RevocationOfHeld)).Outcome);
    }

    [Fact]
    public async Task Subscribe_ForeignIndicatorLeavesThisNode_HolderGetsAWithdrawalOthersNothing()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally), Agreement("POL", Tier.Ally, r => r.MaxTlp = Tlp.Clear));
        var version = await ApplyForeignAsync(host, france, "FRA", "relayed.example", Tlp.Green, new RelayAudience { Tiers = { Tier.Ally } }, Tlp.Green);
        using var germany = host.Peer("DEU").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(germany.ResponseStream, "relayed.example");

        var removal = await host.IndicatorsAsFederation.WithdrawForeignCopyAsync(new WithdrawForeignCopyRequest { Origin = version.Origin, IndicatorId = version.Id, Provider = "FRA" });
        await SubmitAsync(host, Domain("marker.example", Tlp.Clear));
        var toGermany = await ReadUntilAsync(germany.ResponseStream, "marker.example");
        using var poland = host.Peer("POL").Subscribe(new SubscribeRequest());
        var toPoland = await ReadUntilAsync(poland.ResponseStream, "marker.example");

        Assert.Equal(WithdrawOutcome.Removed, removal.Outcome);
        var withdrawal = Assert.Single(Withdrawals(toGermany));
        Assert.Equal((version.Origin, version.Id, "DEU"), (withdrawal.Origin, withdrawal.IndicatorId, withdrawal.Grantee));
        Assert.Empty(Withdrawals(toPoland));
    }

    /// <summary>The audited decision matching <paramref name="match"/>; the audit's batch window runs on the manual clock, so the clock is moved.</summary>
    private static async Task<ServedDecision> DecisionAsync(FeedHost host, Func<ServedDecision, bool> match)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (host.Audit.Decisions.FirstOrDefault(match) is { } decision)
            {
                return decision;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for the audited decision");
            host.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(50);
        }
    }
}
