using CyberPledge.Benchmarks.Propagation;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Tests.Propagation;

/// <summary>Four nodes: allies NLD, DEU, FRA in a full mesh; JPN linked to NLD and DEU, so FRA reaches it only relayed.</summary>
public sealed class ExpectationTests
{
    private static readonly Topology Four = Topology.For(4);

    [Fact]
    public void Recipients_Red_Nobody()
    {
        Assert.Empty(Expectation.Recipients(Four, "NLD", Version(Tlp.Red)));
    }

    [Theory]
    [InlineData(Tlp.Amber)]
    [InlineData(Tlp.AmberStrict)]
    public void Recipients_AboveGreenFromAnAlly_TheOtherAlliesOnly(Tlp tlp)
    {
        Assert.Equal(["DEU", "FRA"], Expectation.Recipients(Four, "NLD", Version(tlp, Reshare())).Order());
    }

    [Fact]
    public void Recipients_GreenFromALinkedAllyNotReshareable_PartnerDirectly()
    {
        Assert.Equal(["DEU", "FRA", "JPN"], Expectation.Recipients(Four, "NLD", Version(Tlp.Green)).Order());
    }

    [Fact]
    public void Recipients_GreenFromAnUnlinkedAllyReshareable_PartnerThroughARelay()
    {
        Assert.Contains("JPN", Expectation.Recipients(Four, "FRA", Version(Tlp.Green, Reshare())));
    }

    [Fact]
    public void Recipients_GreenFromAnUnlinkedAllyNotReshareable_NotThePartner()
    {
        Assert.Equal(["DEU", "NLD"], Expectation.Recipients(Four, "FRA", Version(Tlp.Green)).Order());
    }

    [Fact]
    public void Recipients_RelayAudienceAlliesOnly_NotThePartner()
    {
        var distribution = Reshare();
        distribution.RelayAudience = new RelayAudience { Tiers = { Tier.Ally } };

        Assert.DoesNotContain("JPN", Expectation.Recipients(Four, "FRA", Version(Tlp.Green, distribution)));
    }

    [Fact]
    public void Recipients_RelayAudienceNamesThePartner_ThePartner()
    {
        var distribution = Reshare();
        distribution.RelayAudience = new RelayAudience { Nations = { "JPN" } };

        Assert.Contains("JPN", Expectation.Recipients(Four, "FRA", Version(Tlp.Green, distribution)));
    }

    [Fact]
    public void Recipients_GreenAboveTheOriginsMaximumForRelays_NotRelayed()
    {
        var distribution = Reshare();
        distribution.MaxRelayTlp = Tlp.Clear;

        Assert.DoesNotContain("JPN", Expectation.Recipients(Four, "FRA", Version(Tlp.Green, distribution)));
        Assert.Contains("JPN", Expectation.Recipients(Four, "NLD", Version(Tlp.Green, distribution)));
    }

    [Theory]
    [InlineData(IndicatorType.Md5, Sector.Energy)]
    [InlineData(IndicatorType.Cve, Sector.Energy)]
    [InlineData(IndicatorType.Ipv4, Sector.Defence)]
    public void Recipients_TypeOrSectorOutsideThePartnerAgreement_NotThePartner(IndicatorType type, Sector sector)
    {
        var version = Version(Tlp.Clear, Reshare());
        version.Type = type;
        version.Sectors.Clear();
        version.Sectors.Add(sector);

        Assert.Equal(["DEU", "FRA"], Expectation.Recipients(Four, "NLD", version).Order());
    }

    [Fact]
    public void CarriesRedactedField_DescriptionAtAPartner_True()
    {
        Assert.True(Expectation.CarriesRedactedField(Four, "JPN", new Indicator { Description = "text" }));
    }

    [Fact]
    public void CarriesRedactedField_DescriptionAtAnAlly_False()
    {
        Assert.False(Expectation.CarriesRedactedField(Four, "DEU", new Indicator { Description = "text", Sensitive = new SensitiveFields { ReportingOrganisation = "CERT" } }));
    }

    [Fact]
    public void CarriesRedactedField_InternalNotesAtAnAlly_True()
    {
        Assert.True(Expectation.CarriesRedactedField(Four, "DEU", new Indicator { Sensitive = new SensitiveFields { InternalNotes = "source" } }));
    }

    private static Distribution Reshare() => new() { MayReshare = true, HopLimit = 1 };

    private static IndicatorSubmission Version(Tlp tlp, Distribution? distribution = null)
    {
        var version = new IndicatorSubmission { Type = IndicatorType.Ipv4, Value = "198.51.100.1", Tlp = tlp, Sectors = { Sector.Energy } };
        if (distribution is not null)
        {
            version.Distribution = distribution;
        }

        return version;
    }
}
