using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

/// <summary>Each rule for incidents, with the reason docs/partners.md gives for it.</summary>
public sealed class IncidentPolicyTests
{
    private static readonly AgreementRules Ally = AgreementTemplates.AllyBaseline();

    private static readonly IncidentFacts Energy = new(Tlp.Green, [Sector.Energy], Severity.High);

    private static PolicyDecision Incident(IncidentFacts incident, params SharingAgreement[] agreements) =>
        PolicyEngine.Compile(agreements.Length == 0 ? [Agreement(Ally)] : agreements).DecideIncident(incident, "JPN", Now);

    private static AgreementRules WithIncidents(IncidentRules incidents) => Ally with { Incidents = incidents };

    [Fact]
    public void DecideIncident_AllyBaseline_SharedWithAffectedServicesRedacted()
    {
        var decision = Incident(Energy);

        Assert.True(decision.Allowed);
        Assert.Equal(IncidentRedactions.AffectedServices, decision.IncidentRedactions);
        Assert.Equal(FieldRedactions.None, decision.Redactions);
        Assert.Equal("shared under JPN-2026-01 v3, affected services redacted", decision.Reason);
    }

    [Fact]
    public void DecideIncident_AgreementWithoutIncidentRules_IsWithheld()
    {
        var decision = Incident(Energy, Agreement(OpenRules));

        Assert.Equal(PolicyRules.IncidentShare, decision.Rule);
        Assert.Equal("withheld: agreement JPN-2026-01 v3 does not share incidents", decision.Reason);
    }

    [Theory]
    [InlineData(Tlp.Red, PolicyRules.TlpRed, "withheld: TLP:RED is never shared by federation")]
    [InlineData(Tlp.Unspecified, PolicyRules.TlpUnknown, "withheld: the version has no valid TLP")]
    [InlineData(Tlp.AmberStrict, PolicyRules.AmberStrictMaximum,
        "withheld: TLP:AMBER+STRICT goes only under an agreement whose maximum is TLP:AMBER+STRICT; agreement JPN-2026-01 v3 maximum TLP:AMBER")]
    public void DecideIncident_FixedTlpRules_AsForIndicators(Tlp tlp, string rule, string reason)
    {
        var decision = Incident(Energy with { Tlp = tlp });

        Assert.False(decision.Allowed);
        Assert.Equal(rule, decision.Rule);
        Assert.Equal(reason, decision.Reason);
    }

    [Fact]
    public void DecideIncident_AmberStrictUnderAmberStrictMaximum_IsShared()
    {
        Assert.True(Incident(Energy with { Tlp = Tlp.AmberStrict }, Agreement(Ally with { MaxTlp = Tlp.AmberStrict })).Allowed);
    }

    [Fact]
    public void DecideIncident_AboveMaximum_IsWithheld()
    {
        var decision = Incident(Energy with { Tlp = Tlp.Amber }, Agreement(Ally with { MaxTlp = Tlp.Green }));

        Assert.Equal("withheld: TLP:AMBER exceeds agreement JPN-2026-01 v3 maximum TLP:GREEN", decision.Reason);
    }

    [Fact]
    public void DecideIncident_Relayed_IsNeverShared()
    {
        var decision = Incident(Energy with { Relayed = true });

        Assert.Equal(PolicyRules.RecordRelayed, decision.Rule);
        Assert.Equal("withheld: another nation's incident is not relayed: it goes only from its origin to the nations concerned", decision.Reason);
    }

    [Fact]
    public void DecideIncident_NoSectorInCommon_IsWithheldNamingBoth()
    {
        var rules = WithIncidents(Ally.Incidents with { Sectors = [Sector.Energy, Sector.Water] });

        var decision = Incident(Energy with { Sectors = [Sector.Finance, Sector.Defence] }, Agreement(rules));

        Assert.Equal(PolicyRules.IncidentSectors, decision.Rule);
        Assert.Equal("withheld: none of the incident's sectors (finance, defence) is among agreement JPN-2026-01 v3 incident sectors (energy, water)", decision.Reason);
    }

    [Theory]
    [InlineData(new[] { Sector.Energy, Sector.Defence })]
    [InlineData(new Sector[0])]
    public void DecideIncident_OneSectorInCommonOrNone_IsShared(Sector[] sectors)
    {
        var rules = WithIncidents(Ally.Incidents with { Sectors = [Sector.Energy] });

        Assert.True(Incident(Energy with { Sectors = sectors }, Agreement(rules)).Allowed);
    }

    [Fact]
    public void DecideIncident_BelowMinimumSeverity_IsWithheld()
    {
        var rules = WithIncidents(Ally.Incidents with { MinSeverity = Severity.Critical });

        var decision = Incident(Energy, Agreement(rules));

        Assert.Equal(PolicyRules.IncidentMinSeverity, decision.Rule);
        Assert.Equal("withheld: incident severity high is below agreement JPN-2026-01 v3 incident minimum critical", decision.Reason);
    }

    [Fact]
    public void DecideIncident_OneOfTwoAgreementsDenies_DenyOverrides()
    {
        var narrow = Agreement(WithIncidents(Ally.Incidents with { MinSeverity = Severity.Critical }), id: "JPN-2026-02");

        var decision = Incident(Energy, Agreement(Ally), narrow);

        Assert.False(decision.Allowed);
        Assert.Equal("JPN-2026-02", decision.Agreement!.Id);
    }

    [Theory]
    [InlineData(AgreementStatus.Suspended, PolicyRules.AgreementStatus)]
    [InlineData(AgreementStatus.Draft, PolicyRules.AgreementStatus)]
    public void DecideIncident_AgreementNotActive_IsWithheld(AgreementStatus status, string rule)
    {
        Assert.Equal(rule, Incident(Energy, Agreement(Ally, status: status)).Rule);
    }

    [Fact]
    public void DecideIncident_OutsideTheValidityWindowOrNoAgreement_IsWithheld()
    {
        var engine = PolicyEngine.Compile([Agreement(Ally)]);

        Assert.Equal(PolicyRules.ValidityWindow, engine.DecideIncident(Energy, "JPN", Now.AddDays(31)).Rule);
        Assert.Equal("withheld: no active agreement with KOR", engine.DecideIncident(Energy, "KOR", Now).Reason);
    }

    [Fact]
    public void DecideIncident_AnyDecision_AllocatesNothing()
    {
        var engine = PolicyEngine.Compile([Agreement(Ally)]);
        var incident = Energy;
        engine.DecideIncident(incident, "JPN", Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            engine.DecideIncident(incident, "JPN", Now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
