using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

public sealed class AgreementValidatorTests
{
    private static IEnumerable<string> Errors(SharingAgreement agreement) => AgreementValidator.Validate(agreement).Select(e => e.ToString());

    [Fact]
    public void Validate_TypicalAgreement_HasNoErrors()
    {
        Assert.Empty(AgreementValidator.Validate(Agreement()));
    }

    [Fact]
    public void Validate_RedMaximum_IsRefused()
    {
        Assert.Equal(["rules.max_tlp: RED can never be shared"], Errors(Agreement(OpenRules with { MaxTlp = Tlp.Red })));
    }

    [Fact]
    public void Validate_UnspecifiedMaximum_IsRefused()
    {
        Assert.Equal(["rules.max_tlp: CLEAR, GREEN, AMBER or AMBER+STRICT"], Errors(Agreement(OpenRules with { MaxTlp = Tlp.Unspecified })));
    }

    [Theory]
    [InlineData("JP")]
    [InlineData("jpn")]
    [InlineData("ABC")]
    [InlineData("")]
    public void Validate_GranteeNotAlpha3_IsRefused(string grantee)
    {
        Assert.Equal([$"grantee: '{grantee}' is not an ISO 3166-1 alpha-3 code in upper case, such as JPN"], Errors(Agreement(grantee: grantee)));
    }

    [Theory]
    [InlineData(true, 0u, "rules.hop_limit: 1-16 when re-sharing is allowed")]
    [InlineData(true, 17u, "rules.hop_limit: 1-16 when re-sharing is allowed")]
    [InlineData(false, 1u, "rules.hop_limit: 0 when re-sharing is not allowed")]
    public void Validate_HopLimitOutOfRange_IsRefused(bool mayReshare, uint hopLimit, string error)
    {
        Assert.Equal([error], Errors(Agreement(OpenRules with { MayReshare = mayReshare, HopLimit = hopLimit })));
    }

    [Fact]
    public void Validate_ValidUntilNotAfterValidFrom_IsRefused()
    {
        var agreement = Agreement() with { ValidUntil = Now.AddDays(-30) };

        Assert.Equal(["valid_until: must be after valid_from"], Errors(agreement));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachWithItsField()
    {
        var agreement = Agreement(OpenRules with
        {
            IndicatorTypes = [IndicatorType.Ipv4, IndicatorType.Unspecified],
            Sectors = [(Sector)42],
            MinConfidence = 101,
            Embargo = TimeSpan.FromMinutes(-1),
        }) with { Id = "JPN 2026", Version = 0, Tier = Tier.Unspecified };

        Assert.Equal(
            ["id", "version", "tier", "rules.indicator_types[0]", "rules.sectors[0]", "rules.min_confidence", "rules.embargo"],
            AgreementValidator.Validate(agreement).Select(e => e.Field));
    }

    [Fact]
    public void Validate_IncidentRulesProblems_ReportsEachWithItsField()
    {
        var agreement = Agreement(OpenRules with
        {
            Incidents = new IncidentRules { Share = true, Sectors = [Sector.Energy, (Sector)42] },
            Sightings = new SightingRules(Share: true, HopLimit: 17),
        });

        Assert.Equal(
            [
                "rules.incidents.sectors[1]: 42 is not a sector",
                "rules.incidents.min_severity: required when incidents are shared: low, medium, high or critical",
                "rules.sightings.hop_limit: 0-16",
            ],
            Errors(agreement));
    }

    [Fact]
    public void Validate_UnknownIncidentMinimum_IsRefusedEvenWhenNotShared()
    {
        Assert.Equal(["rules.incidents.min_severity: low, medium, high or critical"],
            Errors(Agreement(OpenRules with { Incidents = new IncidentRules { MinSeverity = (Severity)9 } })));
    }

    [Fact]
    public void Validate_Templates_AreValid()
    {
        Assert.Empty(AgreementValidator.Validate(Agreement(AgreementTemplates.AllyBaseline())));
        Assert.Empty(AgreementValidator.Validate(Agreement(AgreementTemplates.PartnerBaseline())));
    }
}
