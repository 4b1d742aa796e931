using CyberPledge.V1;

namespace CyberPledge.Policy.Tests;

public sealed class AgreementTemplatesTests
{
    [Fact]
    public void PartnerBaseline_StopsAtAmberRedactsSensitiveFieldsEmbargoesAndForbidsResharing()
    {
        var rules = AgreementTemplates.PartnerBaseline();

        Assert.True(rules.MaxTlp <= Tlp.Amber);
        Assert.Equal(FieldRedactions.Sensitive, rules.Redactions & FieldRedactions.Sensitive);
        Assert.True(rules.Embargo > TimeSpan.Zero);
        Assert.False(rules.MayReshare);
        Assert.Equal(0u, rules.HopLimit);
        Assert.DoesNotContain(Sector.Defence, rules.Sectors);
    }

    [Fact]
    public void AllyBaseline_IsWiderThanPartnerBaseline()
    {
        var ally = AgreementTemplates.AllyBaseline();
        var partner = AgreementTemplates.PartnerBaseline();

        Assert.True(ally.MaxTlp >= partner.MaxTlp);
        Assert.True(ally.IndicatorTypes.IsSupersetOf(partner.IndicatorTypes));
        Assert.True(ally.Sectors.IsProperSupersetOf(partner.Sectors));
        Assert.True(ally.MayReshare);
        Assert.NotEqual(Tlp.AmberStrict, ally.MaxTlp);
    }

    [Fact]
    public void PartnerBaseline_SharesNoIncidentsNoSupportButSightings()
    {
        var rules = AgreementTemplates.PartnerBaseline();

        Assert.False(rules.Incidents.Share);
        Assert.Equal(SupportRules.None, rules.Support);
        Assert.True(rules.Sightings.Share);
        Assert.Equal(SightingRules.DefaultHopLimit, rules.Sightings.HopLimit);
    }

    [Fact]
    public void AllyBaseline_SharesIncidentsOfEverySectorFromLowWithAffectedServicesRedactedSupportAndSightings()
    {
        var rules = AgreementTemplates.AllyBaseline();

        Assert.True(rules.Incidents.Share);
        Assert.Empty(rules.Incidents.Sectors);
        Assert.Equal(Severity.Low, rules.Incidents.MinSeverity);
        Assert.True(rules.Incidents.RedactAffectedServices);
        Assert.Equal(SupportRules.Both, rules.Support);
        Assert.Equal(SightingRules.Shared, rules.Sightings);
    }

    [Fact]
    public void AgreementRules_DifferingOnlyInRecordRules_AreNotEqual()
    {
        var ally = AgreementTemplates.AllyBaseline();

        Assert.NotEqual(ally, ally with { Incidents = ally.Incidents with { Sectors = [Sector.Energy] } });
        Assert.NotEqual(ally, ally with { Support = ally.Support with { MayOffer = false } });
        Assert.NotEqual(ally, ally with { Sightings = ally.Sightings with { HopLimit = 1 } });
        Assert.Equal(ally, ally with { Incidents = ally.Incidents with { Sectors = [] } });
    }

    [Theory]
    [InlineData(Tier.Ally)]
    [InlineData(Tier.Partner)]
    public void BaselineFor_Tier_IsThatTiersTemplate(Tier tier)
    {
        var expected = tier == Tier.Ally ? AgreementTemplates.AllyBaseline() : AgreementTemplates.PartnerBaseline();

        Assert.Equal(expected, AgreementTemplates.BaselineFor(tier));
    }

    [Fact]
    public void BaselineFor_UnspecifiedTier_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AgreementTemplates.BaselineFor(Tier.Unspecified));
    }
}
