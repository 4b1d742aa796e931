using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Preview;

/// <summary>
/// Preview and Explain over the node's real Indicators service (in process), read as service:partners, with the test
/// evaluator in place of the policy engine: what is checked is the aggregation around it.
/// </summary>
public sealed class PreviewTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PartnersHost.StartAsync(withIndicators: true);
        var submissions = new List<IndicatorSubmission>();
        for (var i = 0; i < 5; i++)
        {
            submissions.Add(Submission(IndicatorType.Domain, $"green{i}.example", Tlp.Green));
        }

        submissions.Add(Submission(IndicatorType.Domain, "amber.example", Tlp.Amber));
        submissions.Add(Submission(IndicatorType.Domain, "red.example", Tlp.Red));
        submissions.Add(Submission(IndicatorType.Email, "a@b.example", Tlp.Green));
        await _host.Indicators.SubmitAsync(new SubmitRequest { Indicators = { submissions } });
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement(rules: TestData.Rules(Tlp.Green, IndicatorType.Domain)) });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static IndicatorSubmission Submission(IndicatorType type, string value, Tlp tlp) =>
        new() { Type = type, Value = value, Tlp = tlp, Confidence = 80 };

    [Fact]
    public async Task Preview_DraftAgreement_CountsByRuleAndSamples()
    {
        var preview = await _host.Analyst.PreviewAsync(new PreviewRequest { AgreementId = "JPN-2026-01", Samples = 2 });

        Assert.Equal((8ul, 5ul, 3ul, 5ul), (preview.Evaluated, preview.Shared, preview.Withheld, preview.Embargoed));
        Assert.Equal([("max_tlp", 2ul), ("indicator_types", 1ul)], preview.ByRule.Select(r => (r.Rule, r.Withheld)));
        Assert.Equal(2, preview.SharedSamples.Count);
        Assert.Equal(2, preview.WithheldSamples.Count);
        Assert.All(preview.SharedSamples, s => Assert.NotNull(s.ReleaseAt));
        Assert.All(preview.WithheldSamples, s => Assert.StartsWith("withheld:", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Preview_AgreementGivenInFull_EvaluatedWithoutBeingStored()
    {
        var agreement = TestData.Agreement("UNSAVED-1", rules: TestData.Rules(Tlp.Amber, IndicatorType.Domain, IndicatorType.Email));

        var preview = await _host.Admin.PreviewAsync(new PreviewRequest { Agreement = agreement });

        Assert.Equal((7ul, 1ul), (preview.Shared, preview.Withheld));
        var missing = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.GetAgreementAsync(new GetAgreementRequest { Id = "UNSAVED-1" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Explain_OneIndicator_DecisionUnderTheAgreementAndDenyWithoutOne()
    {
        var amber = (await _host.Indicators.QueryAsync(new QueryRequest { Value = "amber.example", Type = IndicatorType.Domain })).Indicators.Single();

        var explained = await _host.Analyst.ExplainAsync(new ExplainRequest { IndicatorId = amber.Id, Grantee = "JPN", AgreementId = "JPN-2026-01" });
        var noAgreement = await _host.Analyst.ExplainAsync(new ExplainRequest { IndicatorId = amber.Id, Grantee = "JPN" });

        Assert.Equal((false, "max_tlp", "JPN-2026-01", 1ul), (explained.Allowed, explained.Rule, explained.AgreementId, explained.AgreementVersion));
        Assert.Single(explained.Trace);
        Assert.Equal((false, "no_agreement"), (noAgreement.Allowed, noAgreement.Rule));
    }

    [Fact]
    public async Task Explain_TwoActiveAgreementsOneWithholds_DenyOverridesAllow()
    {
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("JPN-2026-02", rules: TestData.Rules(Tlp.Amber, IndicatorType.Domain)) });
        await _host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 });
        await _host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-02", ExpectedVersion = 1 });
        var amber = (await _host.Indicators.QueryAsync(new QueryRequest { Value = "amber.example", Type = IndicatorType.Domain })).Indicators.Single();

        var explained = await _host.Analyst.ExplainAsync(new ExplainRequest { IndicatorId = amber.Id, Grantee = "JPN" });

        // JPN-2026-02 would allow TLP:AMBER, but JPN-2026-01 (maximum GREEN) withholds it: deny overrides allow.
        Assert.Equal((false, "max_tlp", "JPN-2026-01"), (explained.Allowed, explained.Rule, explained.AgreementId));
        Assert.Equal(2, explained.Trace.Count);
    }
}
