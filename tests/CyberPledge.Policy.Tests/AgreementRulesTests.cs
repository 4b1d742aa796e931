using CyberPledge.Policy.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

public sealed class AgreementRulesTests
{
    private static PolicyDecision DecideUnder(AgreementRules rules, Indicator? version = null, DeliveryContext context = default) =>
        Decide(version ?? Version(), context, Agreement(rules));

    [Fact]
    public void Decide_TypeNotAllowed_IsWithheldNamingTheType()
    {
        var decision = DecideUnder(OpenRules with { IndicatorTypes = [IndicatorType.Domain, IndicatorType.Url] });

        Assert.Equal(PolicyRules.IndicatorTypes, decision.Rule);
        Assert.Equal("withheld: type ipv4 is not among agreement JPN-2026-01 v3 indicator types", decision.Reason);
    }

    [Fact]
    public void Decide_EmptyTypeList_AllowsNothing()
    {
        Assert.Equal(PolicyRules.IndicatorTypes, DecideUnder(OpenRules with { IndicatorTypes = [] }).Rule);
    }

    [Fact]
    public void Decide_OneSectorNotAllowed_IsWithheldNamingIt()
    {
        var version = Version().With(v => { v.Sectors.Clear(); v.Sectors.Add([Sector.Energy, Sector.Defence]); });

        var decision = DecideUnder(OpenRules with { Sectors = [Sector.Energy, Sector.Water] }, version);

        Assert.Equal(PolicyRules.Sectors, decision.Rule);
        Assert.Equal("withheld: sector defence is not among agreement JPN-2026-01 v3 sectors", decision.Reason);
    }

    [Fact]
    public void Decide_VersionNamingNoSector_PassesAnAgreementWithSectors()
    {
        Assert.True(DecideUnder(OpenRules with { Sectors = [Sector.Water] }, Version().With(v => v.Sectors.Clear())).Allowed);
    }

    [Fact]
    public void Decide_EmptySectorList_AllowsNothingNotEvenSectorlessVersions()
    {
        var decision = DecideUnder(OpenRules with { Sectors = [] }, Version().With(v => v.Sectors.Clear()));

        Assert.Equal(PolicyRules.Sectors, decision.Rule);
        Assert.Equal("withheld: agreement JPN-2026-01 v3 allows no sectors", decision.Reason);
    }

    [Theory]
    [InlineData(79u, true)]
    [InlineData(80u, true)]
    [InlineData(81u, false)]
    public void Decide_MinimumConfidence_IsInclusive(uint minimum, bool allowed)
    {
        var decision = DecideUnder(OpenRules with { MinConfidence = minimum });

        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Equal("withheld: confidence 80 is below agreement JPN-2026-01 v3 minimum 81", decision.Reason);
        }
    }

    [Fact]
    public void Decide_SeverityBelowMinimum_IsWithheld()
    {
        var decision = DecideUnder(OpenRules with { MinSeverity = Severity.Critical });

        Assert.Equal(PolicyRules.MinSeverity, decision.Rule);
        Assert.Equal("withheld: severity high is below agreement JPN-2026-01 v3 minimum critical", decision.Reason);
    }

    [Fact]
    public void Decide_Embargo_AllowsWithReleaseAtModifiedPlusEmbargo()
    {
        var decision = DecideUnder(OpenRules with { Embargo = TimeSpan.FromHours(6) });

        Assert.True(decision.Allowed);
        Assert.Equal(Now.AddHours(5), decision.ReleaseAt);
        Assert.False(decision.IsDeliverableAt(Now));
        Assert.True(decision.IsDeliverableAt(Now.AddHours(5)));
    }

    [Fact]
    public void Decide_EmbargoWithoutModifiedTime_CountsFromCreated()
    {
        var version = Version().With(v => { v.Modified = null; v.Created = Timestamp.FromDateTimeOffset(Now.AddHours(-3)); });

        Assert.Equal(Now.AddHours(-2), DecideUnder(OpenRules with { Embargo = TimeSpan.FromHours(1) }, version).ReleaseAt);
    }

    [Fact]
    public void Decide_EmbargoWithoutAnyTime_IsWithheld()
    {
        var version = Version().With(v => { v.Modified = null; v.Created = null; });

        Assert.Equal(PolicyRules.Embargo, DecideUnder(OpenRules with { Embargo = TimeSpan.FromHours(1) }, version).Rule);
    }

    [Fact]
    public void Decide_NoEmbargo_HasNoReleaseTime()
    {
        var decision = DecideUnder(OpenRules);

        Assert.Null(decision.ReleaseAt);
        Assert.True(decision.IsDeliverableAt(Now));
    }

    [Fact]
    public void Decide_RedactsOneSensitiveField_RedactsBoth()
    {
        var decision = DecideUnder(OpenRules with { Redactions = FieldRedactions.ReportingOrganisation });

        Assert.True(decision.Allowed);
        Assert.Equal(FieldRedactions.Sensitive, decision.Redactions);
        Assert.Equal("shared under JPN-2026-01 v3, reporting organisation and internal notes redacted", decision.Reason);
    }

    [Theory]
    [InlineData(FieldRedactions.Description)]
    [InlineData(FieldRedactions.Tags)]
    [InlineData(FieldRedactions.KillChainPhases)]
    public void Decide_RedactingAFieldV1SignsDirectly_IsWithheldWhenTheVersionFillsIt(FieldRedactions field)
    {
        var filled = Version().With(v =>
        {
            v.Description = "phishing kit";
            v.Tags.Add("phishing");
            v.KillChainPhases.Add(new KillChainPhase { KillChainName = "lockheed-martin-cyber-kill-chain", PhaseName = "delivery" });
        });

        var decision = DecideUnder(OpenRules with { Redactions = field }, filled);

        Assert.False(decision.Allowed);
        Assert.Equal(PolicyRules.RedactionUnverifiable, decision.Rule);
        Assert.Contains("canonical encoding v1 signs directly", decision.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FieldRedactions.Description)]
    [InlineData(FieldRedactions.Tags | FieldRedactions.KillChainPhases)]
    [InlineData(FieldRedactions.InternalNotes)]
    public void Decide_RedactingAnyFieldOfAV2Version_IsAllowedWithExactlyThoseRedactions(FieldRedactions fields)
    {
        // Encoding v2 commits each field by its own digest: nothing needs withholding, and one sensitive field no
        // longer takes the other with it.
        var filled = Version().With(v =>
        {
            v.Encoding = CanonicalEncoding.V2;
            v.Description = "phishing kit";
            v.Tags.Add("phishing");
            v.KillChainPhases.Add(new KillChainPhase { KillChainName = "lockheed-martin-cyber-kill-chain", PhaseName = "delivery" });
        });

        var decision = DecideUnder(OpenRules with { Redactions = fields }, filled);

        Assert.True(decision.Allowed);
        Assert.Equal(fields, decision.Redactions);
    }

    [Fact]
    public void Decide_RedactingDescriptionOfAVersionWithoutOne_IsAllowed()
    {
        Assert.True(DecideUnder(OpenRules with { Redactions = FieldRedactions.Description | FieldRedactions.Tags }).Allowed);
    }

    [Theory]
    [InlineData(false, 16u, 0, PolicyRules.AgreementReshare)]
    [InlineData(true, 1u, 1, PolicyRules.AgreementHopLimit)]
    [InlineData(true, 2u, 1, PolicyRules.Allowed)]
    public void Decide_Relayed_NeedsTheAgreementToAllowResharing(bool mayReshare, uint hopLimit, int pathLength, string rule)
    {
        var decision = DecideUnder(OpenRules with { MayReshare = mayReshare, HopLimit = hopLimit }, context: DeliveryContext.Relay(pathLength));

        Assert.Equal(rule, decision.Rule);
    }

    [Fact]
    public void Decide_OwnVersionUnderAgreementWithoutResharing_IsAllowed()
    {
        Assert.True(DecideUnder(OpenRules with { MayReshare = false, HopLimit = 0 }).Allowed);
    }
}
