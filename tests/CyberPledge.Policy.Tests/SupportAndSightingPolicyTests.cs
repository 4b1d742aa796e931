using CyberPledge.V1;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

/// <summary>Each rule for support requests, offers and sightings, with the reason docs/partners.md gives for it.</summary>
public sealed class SupportAndSightingPolicyTests
{
    private static readonly AgreementRules Ally = AgreementTemplates.AllyBaseline();

    private static PolicyEngine Engine(AgreementRules rules) => PolicyEngine.Compile([Agreement(rules)]);

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
}
