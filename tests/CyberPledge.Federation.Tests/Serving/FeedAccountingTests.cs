using System.Diagnostics;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Policy;
using CyberPledge.Testing;
using CyberPledge.V1;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Serving;

public sealed class FeedAccountingTests
{
    [Fact]
    public async Task Subscribe_SentAndWithheld_CountedOnTheOutboundLinkAndAudited()
    {
        await using var host = await FeedHost.StartAsync(Agreement("JPN", Tier.Partner));
        await SubmitAsync(host, Domain("amber.example", Tlp.Amber));
        await SubmitAsync(host, Domain("green.example"));
        using var call = host.Peer("JPN").Subscribe(new SubscribeRequest());
        await ReadUntilAsync(call.ResponseStream, "green.example");

        var admin = new V1.Federation.FederationClient(TestTokens.WithToken(host.FederationChannel.CreateCallInvoker(), host.Tokens.Admin));
        var link = await admin.GetLinkAsync(new GetLinkRequest { Nation = "JPN", Direction = LinkDirection.Outbound });
        Assert.Equal(LinkState.Connected, link.State);
        Assert.Equal((1UL, 1UL, 2UL, 0UL), (link.Received, link.Ignored, link.Position, link.LagEvents));

        host.Time.Advance(TimeSpan.FromSeconds(1));
        var clock = Stopwatch.StartNew();
        while (host.Audit.Decisions.Count < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var decisions = host.Audit.Decisions.OrderBy(d => d.Version).ThenBy(d => d.Outcome).ToList();
        Assert.Equal(2, decisions.Count);
        var withheld = Assert.Single(decisions, d => d.Outcome == ServeOutcome.Withhold);
        Assert.Equal((PolicyRules.MaxTlp, "JPN", "JPN-2026-01", 1UL), (withheld.Rule, withheld.Grantee, withheld.AgreementId, withheld.AgreementVersion));
        Assert.Contains("TLP:AMBER", withheld.Reason, StringComparison.Ordinal);
        var sent = Assert.Single(decisions, d => d.Outcome == ServeOutcome.Send);
        Assert.Equal((PolicyRules.Allowed, FeedHost.Nation), (sent.Rule, sent.OriginNation));
    }
}
