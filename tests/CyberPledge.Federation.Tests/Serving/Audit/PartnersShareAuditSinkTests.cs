using CyberPledge.Federation.Node;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Federation.Tests.Serving.Audit;

/// <summary>The share audit's batches as they reach Partners (RecordShareDecisions, a fake behind its gRPC contract).</summary>
public sealed class PartnersShareAuditSinkTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task WriteAsync_SentWithheldAndHeld_SentAndWithheldRecordedHeldLeftToItsRelease()
    {
        await using var host = await FeedHost.StartAsync();
        var sink = Sink(host);
        var longReason = "withheld: \u202Eline one\nline two " + new string('x', 300);

        await sink.WriteAsync(
        [
            Decision("id-sent", ServeOutcome.Send, "allowed", "allowed under JPN-2026-01", "JPN-2026-01", 3),
            Decision("id-withheld", ServeOutcome.Withhold, "relay.quarantined", longReason, "", 0),
            Decision("id-held", ServeOutcome.Hold, "allowed", "embargoed until later", "JPN-2026-01", 3),
        ], CancellationToken.None);

        var call = Assert.Single(host.Partners.ShareCalls);
        Assert.Equal(["id-sent", "id-withheld"], call.Decisions.Select(d => d.IndicatorId));
        var sent = call.Decisions[0];
        Assert.Equal(new ShareDecision
        {
            Origin = new Origin { Nation = "FRA", NodeId = "fra-1" },
            IndicatorId = "id-sent",
            Version = 7,
            Grantee = "JPN",
            AgreementId = "JPN-2026-01",
            AgreementVersion = 3,
            Outcome = ShareOutcome.Sent,
            Rule = "allowed",
            Reason = "allowed under JPN-2026-01",
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(At),
        }, sent);
        var withheld = call.Decisions[1];
        Assert.Equal((ShareOutcome.Withheld, "relay.quarantined", "", 0ul), (withheld.Outcome, withheld.Rule, withheld.AgreementId, withheld.AgreementVersion));
        Assert.Equal(ShareDecisions.MaxTextLength, withheld.Reason.Length);
        Assert.StartsWith("withheld: ?line one?line two xx", withheld.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MoreThanOneCallHolds_SplitInOrderIntoCallsOfAtMostTenThousand()
    {
        await using var host = await FeedHost.StartAsync();
        var batch = Enumerable.Range(0, PartnersShareAuditSink.MaxPerCall + 1)
            .Select(i => Decision("id-" + i, ServeOutcome.Send, "allowed", "allowed", "JPN-2026-01", 1)).ToList();

        await Sink(host).WriteAsync(batch, CancellationToken.None);

        Assert.Equal([PartnersShareAuditSink.MaxPerCall, 1], host.Partners.ShareCalls.Select(c => c.Decisions.Count));
        Assert.Equal("id-10000", host.Partners.ShareCalls[1].Decisions[0].IndicatorId);
    }

    [Fact]
    public async Task WriteAsync_PartnersUnavailable_ThrowsSoTheBatchIsRetried()
    {
        await using var host = await FeedHost.StartAsync();
        host.Partners.ShareRefusal = StatusCode.Unavailable;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Sink(host).WriteAsync([Decision("id", ServeOutcome.Send, "allowed", "allowed", "JPN-2026-01", 1)], CancellationToken.None));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static PartnersShareAuditSink Sink(FeedHost host) =>
        new(host.Service<NodeServices>(), NullLogger<PartnersShareAuditSink>.Instance);

    private static ServedDecision Decision(string id, ServeOutcome outcome, string rule, string reason, string agreementId, ulong agreementVersion) =>
        new(At, "JPN", "FRA", "fra-1", id, 7, outcome, rule, reason, agreementId, agreementVersion);
}
