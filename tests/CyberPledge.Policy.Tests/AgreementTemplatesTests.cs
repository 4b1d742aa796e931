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
