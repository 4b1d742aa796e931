using CyberPledge.Policy.Tests.Support;
using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

public sealed class PolicyEngineTests
{
    private static readonly DeliveryContext HeldBefore = new(false, 0, GranteeReceivedEarlierVersion: true);

    [Fact]
    public void Decide_NoAgreement_IsWithheldNamingTheGrantee()
    {
        var decision = PolicyEngine.Compile([Agreement(grantee: "KOR", id: "KOR-1")]).Decide(Version(), "JPN", Now, DeliveryContext.Own);

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.NoAgreement, decision.Rule);
        Assert.Null(decision.Agreement);
        Assert.Equal("withheld: no active agreement with JPN", decision.Reason);
    }

    [Theory]
    [InlineData(AgreementStatus.Draft)]
    [InlineData(AgreementStatus.Suspended)]
    [InlineData(AgreementStatus.Revoked)]
    [InlineData(AgreementStatus.Expired)]
    public void Decide_AgreementNotActive_PassesNothing(AgreementStatus status)
    {
        var decision = Decide(Version(), DeliveryContext.Own, Agreement(status: status));

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.AgreementStatus, decision.Rule);
        Assert.Equal($"withheld: no active agreement with JPN (agreement JPN-2026-01 v3 is {status.ToString().ToLowerInvariant()})", decision.Reason);
    }

    [Fact]
    public void Evaluate_Draft_IsEvaluatedAsIfActiveForPreview()
    {
        Assert.True(PolicyEngine.Evaluate(Agreement(status: AgreementStatus.Draft), Version(), Now, DeliveryContext.Own).Allowed);
    }

    [Fact]
    public void Evaluate_Suspended_StillPassesNothing()
    {
        Assert.False(PolicyEngine.Evaluate(Agreement(status: AgreementStatus.Suspended), Version(), Now, DeliveryContext.Own).Allowed);
    }

    [Theory]
    [InlineData(-31)] // before valid_from
    [InlineData(30)] // valid_until itself is outside
    public void Decide_OutsideValidityWindow_PassesNothing(int days)
    {
        var decision = PolicyEngine.Compile([Agreement()]).Decide(Version(), "JPN", Now.AddDays(days), DeliveryContext.Own);

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.ValidityWindow, decision.Rule);
    }

    [Fact]
    public void Decide_OneOfTwoAgreementsDenies_DenyOverridesAndNamesTheDenyingOne()
    {
        var wide = Agreement(id: "JPN-A");
        var narrow = Agreement(OpenRules with { MaxTlp = Tlp.Clear }, id: "JPN-B", version: 7);

        var decision = Decide(Version(), DeliveryContext.Own, narrow, wide);

        Assert.False(decision.Allowed);
        Assert.Same(narrow, decision.Agreement);
        Assert.Equal("withheld: TLP:GREEN exceeds agreement JPN-B v7 maximum TLP:CLEAR", decision.Reason);
    }

    [Fact]
    public void Decide_TwoAgreementsAllow_UnitesRedactionsAndTakesTheLatestRelease()
    {
        var first = Agreement(OpenRules with { Redactions = FieldRedactions.InternalNotes, Embargo = TimeSpan.FromHours(2) }, id: "JPN-A");
        var second = Agreement(OpenRules with { Redactions = FieldRedactions.Tags, Embargo = TimeSpan.FromHours(5) }, id: "JPN-B");

        var decision = Decide(Version(), DeliveryContext.Own, second, first);

        Assert.True(decision.Allowed);
        Assert.Same(first, decision.Agreement);
        Assert.Equal(FieldRedactions.Sensitive | FieldRedactions.Tags, decision.Redactions);
        Assert.Equal(Now.AddHours(4), decision.ReleaseAt);
    }

    [Fact]
    public void Decide_SuspendedAgreementBesideAnActiveOne_DoesNotVeto()
    {
        var decision = Decide(Version(), DeliveryContext.Own, Agreement(id: "JPN-A", status: AgreementStatus.Suspended), Agreement(id: "JPN-B"));

        Assert.True(decision.Allowed);
        Assert.Equal("JPN-B", decision.Agreement!.Id);
    }

    [Fact]
    public void Decide_RevocationTheGranteeHeld_IsDeliveredUnderASuspendedAgreement()
    {
        var revocation = Version().With(v => { v.Revoked = true; v.Version = 2; });

        var decision = Decide(revocation, HeldBefore, Agreement(status: AgreementStatus.Suspended));

        Assert.True(decision.Allowed);
        Assert.Equal(PolicyRules.RevocationOfHeld, decision.Rule);
        Assert.Equal(FieldRedactions.Sensitive, decision.Redactions);
        Assert.Null(decision.ReleaseAt);
    }

    [Fact]
    public void Decide_V2RevocationTheGranteeHeld_WithNoAgreementInForce_RedactsEveryField()
    {
        var revocation = Version().With(v => { v.Revoked = true; v.Version = 2; v.Encoding = CanonicalEncoding.V2; });

        var decision = Decide(revocation, HeldBefore, Agreement(status: AgreementStatus.Suspended));

        Assert.True(decision.Allowed);
        Assert.Equal(FieldRedactions.All, decision.Redactions);
    }

    [Fact]
    public void Decide_RevocationTheGranteeHeld_IsDeliveredEvenWhenTheRulesNowWithholdIt()
    {
        var revocation = Version().With(v => { v.Revoked = true; v.Tlp = Tlp.Amber; });

        var decision = Decide(revocation, HeldBefore, Agreement(OpenRules with { MaxTlp = Tlp.Clear, Embargo = TimeSpan.FromDays(1) }));

        Assert.True(decision.Allowed);
        Assert.Equal(FieldRedactions.None, decision.Redactions);
        Assert.Null(decision.ReleaseAt);
    }

    [Fact]
    public void Decide_RevocationTheGranteeNeverHeld_FollowsTheRules()
    {
        var revocation = Version().With(v => v.Revoked = true);

        Assert.Equal(PolicyRules.AgreementStatus, Decide(revocation, DeliveryContext.Own, Agreement(status: AgreementStatus.Suspended)).Rule);
    }

    [Fact]
    public void Explain_WithheldVersion_TracesEveryRuleAndTheFirstFailureDecides()
    {
        var engine = PolicyEngine.Compile([Agreement(OpenRules with { MaxTlp = Tlp.Clear, MinConfidence = 90 })]);

        var decision = engine.Explain(Version(), "JPN", Now, DeliveryContext.Own);

        Assert.Equal(PolicyRules.MaxTlp, decision.Rule);
        Assert.Equal(
            [PolicyRules.TlpUnknown, PolicyRules.TlpRed, PolicyRules.ValidityWindow, PolicyRules.ImportedNotPromoted, PolicyRules.AmberStrictMaximum, PolicyRules.MaxTlp,
             PolicyRules.IndicatorTypes, PolicyRules.Sectors, PolicyRules.MinConfidence, PolicyRules.MinSeverity,
             PolicyRules.RedactionUnverifiable, PolicyRules.Embargo],
            decision.Trace.Select(o => o.Rule));
        Assert.Equal([PolicyRules.MaxTlp, PolicyRules.MinConfidence], decision.Trace.Where(o => !o.Passed).Select(o => o.Rule));
        Assert.Equal("JPN-2026-01 v3 max_tlp: fail (withheld: TLP:GREEN exceeds agreement JPN-2026-01 v3 maximum TLP:CLEAR)",
            decision.Trace[5].ToString());
        Assert.Equal(engine.Decide(Version(), "JPN", Now, DeliveryContext.Own).Reason, decision.Reason);
    }

    [Fact]
    public void Decide_WithoutExplain_HasNoTrace()
    {
        Assert.Empty(Decide(Version()).Trace);
    }

    [Fact]
    public void Decide_ManyDecisions_AllocatesNothing()
    {
        var engine = PolicyEngine.Compile([Agreement(OpenRules with { Embargo = TimeSpan.FromHours(1), Redactions = FieldRedactions.Sensitive })]);
        var allowed = Version();
        var denied = Version().With(v => v.Tlp = Tlp.AmberStrict);
        engine.Decide(allowed, "JPN", Now, DeliveryContext.Own);
        engine.Decide(denied, "JPN", Now, DeliveryContext.Relay(1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var count = 0;
        for (var i = 0; i < 1000; i++)
        {
            count += engine.Decide(allowed, "JPN", Now, DeliveryContext.Own).Allowed ? 1 : 0;
            count += engine.Decide(denied, "JPN", Now, DeliveryContext.Relay(1)).Allowed ? 1 : 0;
            count += engine.Decide(allowed, "KOR", Now, DeliveryContext.Own).Allowed ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, count);
    }

    [Fact]
    public void Compile_SameIdTwice_Throws()
    {
        Assert.Throws<ArgumentException>(() => PolicyEngine.Compile([Agreement(version: 1), Agreement(version: 2)]));
    }
}
