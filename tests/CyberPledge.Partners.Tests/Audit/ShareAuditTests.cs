using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using PartnersClient = CyberPledge.V1.Partners.PartnersClient;

namespace CyberPledge.Partners.Tests.Audit;

/// <summary>RecordShareDecisions: Federation's share decisions in the audit log, one record each, filterable by grantee, action and time.</summary>
public sealed class ShareAuditTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private PartnersHost _host = null!;

    private PartnersClient Federation => _host.ClientWith(_host.Tokens.Federation);

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ShareDecision Decision(string grantee = "JPN", ShareOutcome outcome = ShareOutcome.Sent, DateTimeOffset? at = null, ulong version = 1) => new()
    {
        Origin = new Origin { Nation = "NLD", NodeId = "node-1" },
        IndicatorId = "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10",
        Version = version,
        Grantee = grantee,
        AgreementId = grantee + "-2026-01",
        AgreementVersion = 3,
        Outcome = outcome,
        Rule = outcome == ShareOutcome.Sent ? "" : "max_tlp",
        Reason = outcome == ShareOutcome.Sent ? "" : "TLP:AMBER above the agreement's TLP:GREEN",
        At = Timestamp.FromDateTimeOffset(at ?? Monday),
    };

    [Fact]
    public async Task RecordShareDecisions_Batch_OneChainedRecordPerDecisionFilterableByGranteeActionAndTime()
    {
        var response = await Federation.RecordShareDecisionsAsync(new RecordShareDecisionsRequest
        {
            Decisions =
            {
                Decision(), Decision("KOR"), Decision(outcome: ShareOutcome.Withheld, version: 2, at: Monday.AddDays(1)),
                Decision(at: Monday.AddDays(-10)),
            },
        });

        Assert.Equal(3ul, response.LastSequence - response.FirstSequence);
        var japanLastWeek = (await _host.Analyst.ListAuditAsync(new ListAuditRequest
        {
            Grantee = "JPN", Action = "share.", From = Timestamp.FromDateTimeOffset(Monday.AddDays(-7)),
        })).Records;
        Assert.Equal(["share.sent", "share.withheld"], japanLastWeek.Select(r => r.Action));
        Assert.All(japanLastWeek, r => Assert.Equal("agreement:JPN-2026-01", r.Subject));
        Assert.StartsWith("test-service", japanLastWeek[0].Actor, StringComparison.Ordinal);
        var withheld = JsonParser.Default.Parse<ShareDecision>(japanLastWeek[1].After);
        Assert.Equal(Decision(outcome: ShareOutcome.Withheld, version: 2, at: Monday.AddDays(1)), withheld);
        Assert.Equal(Monday.AddDays(1), japanLastWeek[1].At.ToDateTimeOffset());
        Assert.True((await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest())).Valid);
    }

    [Fact]
    public async Task RecordShareDecisions_Withdrawn_RecordedAsShareWithdrawn()
    {
        await Federation.RecordShareDecisionsAsync(new RecordShareDecisionsRequest { Decisions = { Decision(outcome: ShareOutcome.Withdrawn, version: 2) } });

        var record = Assert.Single((await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "share.withdrawn" })).Records);
        Assert.Equal(ShareOutcome.Withdrawn, JsonParser.Default.Parse<ShareDecision>(record.After).Outcome);
    }

    [Fact]
    public async Task RecordShareDecisions_Analyst_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Analyst.RecordShareDecisionsAsync(new RecordShareDecisionsRequest { Decisions = { Decision() } }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    public static TheoryData<string, Action<ShareDecision>> Invalid => new()
    {
        { "decisions[1].grantee:", d => d.Grantee = "Japan" },
        { "decisions[1].origin:", d => d.Origin = null },
        { "decisions[1].indicator_id: required", d => d.IndicatorId = "" },
        { "decisions[1].version:", d => d.Version = 0 },
        { "decisions[1].outcome:", d => d.Outcome = ShareOutcome.Unspecified },
        { "decisions[1].agreement_id:", d => d.AgreementId = "JPN 2026" },
        { "decisions[1].reason: control or bidirectional", d => d.Reason = "evil\u202Etext" },
        { "decisions[1].rule: longer than 256", d => d.Rule = new string('r', 257) },
        { "decisions[1].at:", d => d.At = null },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task RecordShareDecisions_InvalidDecision_IsInvalidArgumentNamingItAndNothingRecorded(string message, Action<ShareDecision> spoil)
    {
        var bad = Decision();
        spoil(bad);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Federation.RecordShareDecisionsAsync(new RecordShareDecisionsRequest { Decisions = { Decision(), bad } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(message, error.Status.Detail, StringComparison.Ordinal);
        Assert.Empty((await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "share." })).Records);
    }

    [Fact]
    public async Task RecordShareDecisions_MoreThanTenThousand_IsInvalidArgument()
    {
        var request = new RecordShareDecisionsRequest { Decisions = { Enumerable.Repeat(Decision(), 10_001) } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Federation.RecordShareDecisionsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("decisions: 1-10000 decisions per request", error.Status.Detail, StringComparison.Ordinal);
    }
}
