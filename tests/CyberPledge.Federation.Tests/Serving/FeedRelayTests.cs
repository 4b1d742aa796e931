using System.Diagnostics;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

/// <summary>What the feed does with relayed versions: the path they came through, and quarantined indicators.</summary>
public sealed class FeedRelayTests
{
    private static readonly RelayAudience Allies = new() { Tiers = { Tier.Ally } };

    [Fact]
    public async Task Subscribe_VersionReceivedThroughARelay_ServedWithTheStoredPathAndThisNodeAppended()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally), Agreement("BEL", Tier.Ally));
        var belgium = new RelayHop { Nation = "BEL", NodeId = "bel-1" };
        var relayed = ForeignVersion(france, "FRA", "via-belgium.example", Tlp.Green, Allies, Tlp.Green);
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(host, france, relayed, belgium));
        await SubmitAsync(host, Domain("own.example"));

        using var germany = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var toGermany = await ReadUntilAsync(germany.ResponseStream, "own.example");
        using var toBelgiumCall = host.Peer("BEL").Subscribe(new SubscribeRequest());
        var toBelgium = await ReadUntilAsync(toBelgiumCall.ResponseStream, "own.example");

        Assert.Equal(["via-belgium.example", "own.example"], Values(toGermany));
        Assert.Equal([belgium, new RelayHop { Nation = FeedHost.Nation, NodeId = FeedHost.NodeId }], toGermany[0].Indicator.Path);
        // Belgium is on the stored path: the version does not go back to it.
        Assert.Equal(["own.example"], Values(toBelgium));
    }

    [Fact]
    public async Task Subscribe_RoutingSkip_CountedOnTheLinkNotAuditedAsAShareDecision()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally), Agreement("BEL", Tier.Ally));
        var inPath = ForeignVersion(france, "FRA", "via-belgium.example", Tlp.Green, Allies, Tlp.Green);
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(host, france, inPath, new RelayHop { Nation = "BEL", NodeId = "bel-1" }));
        var direct = await ApplyForeignAsync(host, france, "FRA", "from-france.example", Tlp.Green, Allies, Tlp.Green);
        await SubmitAsync(host, Domain("amber.example", Tlp.Amber));
        await SubmitAsync(host, Domain("own.example"));

        // Belgium takes France's versions directly; Germany does not, and gets both through this node.
        using var call = host.Peer("BEL").Subscribe(new SubscribeRequest { DirectOrigins = { "FRA" } });
        var toBelgium = await ReadUntilAsync(call.ResponseStream, "own.example");

        Assert.Equal(["amber.example", "own.example"], Values(toBelgium));
        var admin = new V1.Federation.FederationClient(TestTokens.WithToken(host.FederationChannel.CreateCallInvoker(), host.Tokens.Admin));
        var link = await admin.GetLinkAsync(new GetLinkRequest { Nation = "BEL", Direction = LinkDirection.Outbound });
        Assert.Equal((2UL, 2UL, 2UL), (link.Received, link.Ignored, link.Routed));
        // The audit keeps the order of the decisions: once the last is recorded, the skips would have been before it.
        await DecisionAsync(host, d => d.Grantee == "BEL" && d.IndicatorId == toBelgium[^1].Indicator.Version.Id);
        Assert.DoesNotContain(host.Audit.Decisions, d => d.IndicatorId == inPath.Id || d.IndicatorId == direct.Id);
        Assert.Equal(2, host.Audit.Decisions.Count(d => d.Grantee == "BEL" && d.Outcome == ServeOutcome.Send));
    }

    [Fact]
    public async Task Subscribe_QuarantinedIndicator_NotRelayedAndAuditedAsWithheld()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await FeedHost.StartAsync(Agreement("DEU", Tier.Ally));
        var forked = await ApplyForeignAsync(host, france, "FRA", "forked.example", Tlp.Green, Allies, Tlp.Green);
        await EquivocateAsync(host, france, forked);
        await ApplyForeignAsync(host, france, "FRA", "fine.example", Tlp.Green, Allies, Tlp.Green);
        await SubmitAsync(host, Domain("own.example"));

        using var call = host.Peer("DEU").Subscribe(new SubscribeRequest());
        var records = await ReadUntilAsync(call.ResponseStream, "own.example");

        Assert.Equal(["fine.example", "own.example"], Values(records));
        var withheld = await DecisionAsync(host, d => d.IndicatorId == forked.Id);
        Assert.Equal((ServeOutcome.Withhold, RelayRules.Quarantined), (withheld.Outcome, withheld.Rule));
        Assert.Contains("equivocation", withheld.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_QuarantinedDuringItsEmbargo_WithheldAtRelease()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        var embargo = TimeSpan.FromHours(1);
        await using var host = await FeedHost.StartAsync(Agreement("JPN", Tier.Partner, r =>
        {
            r.Embargo = Duration.FromTimeSpan(embargo);
            r.MayReshare = true;
            r.HopLimit = 2;
        }));
        var partners = new RelayAudience { Tiers = { Tier.Partner } };
        var held = ForeignVersion(france, "FRA", "held.example", Tlp.Green, partners, Tlp.Green, v => v.Created = v.Modified = Timestamp.FromDateTimeOffset(host.Time.GetUtcNow()));
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(host, france, held));
        using var call = host.Peer("JPN").Subscribe(new SubscribeRequest());
        await WaitUntilAsync(() => host.Store.HoldCount == 1);

        await EquivocateAsync(host, france, held);
        host.Time.Advance(embargo + TimeSpan.FromMinutes(1));
        // Created on the real clock, an hour behind Federation's clock now: past its embargo, so it goes out at once.
        await SubmitAsync(host, Domain("after.example"));
        var records = await ReadUntilAsync(call.ResponseStream, "after.example");

        Assert.Equal(["after.example"], Values(records));
        var released = await DecisionAsync(host, d => d.IndicatorId == held.Id && d.Outcome != ServeOutcome.Hold);
        Assert.Equal((ServeOutcome.Withhold, RelayRules.Quarantined), (released.Outcome, released.Rule));
    }

    /// <summary>Another copy of <paramref name="version"/> (same id and version, another digest): Indicators quarantines the indicator.</summary>
    private static async Task EquivocateAsync(FeedHost host, NodeSigningKey key, Indicator version)
    {
        var fork = ForeignVersion(key, version.Origin.Nation, version.Value, version.Tlp, version.Distribution.RelayAudience, version.Distribution.MaxRelayTlp, v =>
        {
            v.Id = version.Id;
            v.Confidence = version.Confidence - 1;
        });
        Assert.Equal(ApplyOutcome.Equivocation, await ApplyAsync(host, key, fork));
    }

    /// <summary>The audited decision matching <paramref name="match"/>; the audit's batch window runs on the manual clock, so the clock is moved.</summary>
    private static async Task<ServedDecision> DecisionAsync(FeedHost host, Func<ServedDecision, bool> match)
    {
        var clock = Stopwatch.StartNew();
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

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out");
            await Task.Delay(20);
        }
    }
}
