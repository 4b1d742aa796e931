using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

/// <summary>Each rule for incidents, support records and sightings, with the reason docs/partners.md gives for it.</summary>
public sealed class RecordPolicyTests
{
    private static readonly AgreementRules Ally = AgreementTemplates.AllyBaseline();

    private static readonly IncidentFacts Energy = new(Tlp.Green, [Sector.Energy], Severity.High);

    private static PolicyDecision Incident(IncidentFacts incident, params SharingAgreement[] agreements) =>
        PolicyEngine.Compile(agreements.Length == 0 ? [Agreement(Ally)] : agreements).DecideIncident(incident, "JPN", Now);

    private static PolicyEngine Engine(AgreementRules rules) => PolicyEngine.Compile([Agreement(rules)]);

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
    public void DecideSupportRequest_AddressedToTheGranteeOrAll_IsShared()
    {
        var engine = Engine(Ally);

        Assert.True(engine.DecideSupportRequest(new SupportRequestFacts([]), "JPN", Now).Allowed);
        Assert.True(engine.DecideSupportRequest(new SupportRequestFacts(["DEU", "JPN"]), "JPN", Now).Allowed);
        var other = engine.DecideSupportRequest(new SupportRequestFacts(["DEU"]), "JPN", Now);
        Assert.Equal(PolicyRules.SupportNotAddressed, other.Rule);
        Assert.Equal("withheld: the support request is not addressed to JPN", other.Reason);
    }

    [Fact]
    public void DecideSupportRequest_PartnerBaseline_IsWithheld()
    {
        var decision = Engine(AgreementTemplates.PartnerBaseline()).DecideSupportRequest(new SupportRequestFacts([]), "JPN", Now);

        Assert.Equal(PolicyRules.SupportMayRequest, decision.Rule);
        Assert.Equal("withheld: agreement JPN-2026-01 v3 does not allow support requests with JPN", decision.Reason);
    }

    [Fact]
    public void DecideSupportRequest_PartnerAgreementThatSaysSo_IsShared()
    {
        var rules = AgreementTemplates.PartnerBaseline() with { Support = new SupportRules(MayRequest: true, MayOffer: false) };

        Assert.True(Engine(rules).DecideSupportRequest(new SupportRequestFacts(["JPN"]), "JPN", Now).Allowed);
        Assert.Equal(PolicyRules.SupportMayOffer, Engine(rules).DecideSupportOffer(new SupportOfferFacts("JPN"), "JPN", Now).Rule);
    }

    [Fact]
    public void DecideSupportOffer_OnlyToTheRequester()
    {
        var engine = Engine(Ally);

        Assert.True(engine.DecideSupportOffer(new SupportOfferFacts("JPN"), "JPN", Now).Allowed);
        var other = engine.DecideSupportOffer(new SupportOfferFacts("DEU"), "JPN", Now);
        Assert.Equal(PolicyRules.SupportOfferNotToRequester, other.Rule);
        Assert.Equal("withheld: an offer goes only to the nation that made the request, not to JPN", other.Reason);
        Assert.Equal(PolicyRules.RecordRelayed, engine.DecideSupportOffer(new SupportOfferFacts("JPN", Relayed: true), "JPN", Now).Rule);
    }

    [Fact]
    public void DecideSupportReceipt_WhatTheAgreementAllows_IsAcceptedAndTheRestRefused()
    {
        var requestsOnly = Engine(Ally with { Support = new SupportRules(MayRequest: true, MayOffer: false) });

        var request = requestsOnly.DecideSupportReceipt(SupportRecordKind.Request, "JPN", Now);
        var offer = requestsOnly.DecideSupportReceipt(SupportRecordKind.Offer, "JPN", Now);

        Assert.Equal(PolicyRules.Accepted, request.Rule);
        Assert.Equal("accepted under JPN-2026-01 v3", request.Reason);
        Assert.False(offer.Allowed);
        Assert.Equal("refused: agreement JPN-2026-01 v3 does not allow support offers with JPN", offer.Reason);
    }

    [Fact]
    public void DecideSighting_TowardTheOriginOrTheRelayThatGaveTheIndicator_IsShared()
    {
        var engine = Engine(AgreementTemplates.PartnerBaseline());

        Assert.True(engine.DecideSighting(new SightingFacts("JPN", []), "JPN", Now).Allowed);
        Assert.True(engine.DecideSighting(new SightingFacts("NLD", ["DEU", "JPN"]), "JPN", Now).Allowed);
        var elsewhere = engine.DecideSighting(new SightingFacts("NLD", ["DEU"]), "JPN", Now);
        Assert.Equal(PolicyRules.SightingNotTowardOrigin, elsewhere.Rule);
        Assert.Equal("withheld: the sighted indicator neither comes from JPN nor was relayed to this node by it", elsewhere.Reason);
    }

    [Fact]
    public void DecideSighting_RelayedPastTheHopLimit_IsWithheld()
    {
        var engine = Engine(Ally with { Sightings = new SightingRules(Share: true, HopLimit: 1) });

        Assert.True(engine.DecideSighting(new SightingFacts("JPN", [], Relayed: true, RelayPathLength: 0), "JPN", Now).Allowed);
        var far = engine.DecideSighting(new SightingFacts("JPN", [], Relayed: true, RelayPathLength: 1), "JPN", Now);
        Assert.Equal(PolicyRules.SightingHopLimit, far.Rule);
        Assert.Equal("withheld: relaying would make 2 relays past the node that made the sighting, above agreement JPN-2026-01 v3 sighting hop limit 1", far.Reason);
    }

    [Fact]
    public void DecideSighting_OwnSightingUnderHopLimitZero_IsSharedAndNotSharingWithholds()
    {
        Assert.True(Engine(Ally with { Sightings = new SightingRules(true, 0) }).DecideSighting(new SightingFacts("JPN", []), "JPN", Now).Allowed);
        var none = Engine(OpenRules).DecideSighting(new SightingFacts("JPN", []), "JPN", Now);
        Assert.Equal("withheld: agreement JPN-2026-01 v3 does not share sightings", none.Reason);
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
