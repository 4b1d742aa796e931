using CyberPledge.Partners.Tests.Support;
using CyberPledge.Policy;
using CyberPledge.V1;
using Grpc.Core;
using AgreementRules = CyberPledge.V1.AgreementRules;
using IncidentRules = CyberPledge.V1.IncidentRules;
using SightingRules = CyberPledge.V1.SightingRules;
using SupportRules = CyberPledge.V1.SupportRules;

namespace CyberPledge.Partners.Tests.Agreements;

/// <summary>The rules for incidents, support and sightings (issue 13): stored and versioned with the agreement, audited, validated.</summary>
public sealed class RecordRulesTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static AgreementRules WithRecords(uint? sightingHopLimit)
    {
        var rules = TestData.Rules();
        rules.Incidents = new IncidentRules { Share = true, Sectors = { Sector.Energy, Sector.Water }, MinSeverity = Severity.Medium, RedactAffectedServices = true };
        rules.Support = new SupportRules { MayRequest = true };
        rules.Sightings = new SightingRules { Share = true };
        if (sightingHopLimit is { } hops)
        {
            rules.Sightings.HopLimit = hops;
        }

        return rules;
    }

    [Fact]
    public async Task UpdateAgreement_RecordRules_ReadBackAsWrittenByGetListAndHistory()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        var rules = WithRecords(sightingHopLimit: 0);

        var updated = await _host.Admin.UpdateAgreementAsync(new UpdateAgreementRequest { Agreement = TestData.Agreement(rules: rules), ExpectedVersion = 1 });

        var got = await _host.Analyst.GetAgreementAsync(new GetAgreementRequest { Id = "JPN-2026-01" });
        var listed = (await _host.Analyst.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Single();
        var history = (await _host.Analyst.GetAgreementHistoryAsync(new GetAgreementHistoryRequest { Id = "JPN-2026-01" })).Versions;
        Assert.All(new[] { updated.Rules, got.Rules, listed.Rules, history[1].Rules }, r => Assert.Equal(rules, r));
        // An explicit hop limit of 0 (own sightings only) stays apart from an absent one (2).
        Assert.True(got.Rules.Sightings.HasHopLimit);
        Assert.Equal(0u, AgreementContracts.ToModel(got).Rules.Sightings.HopLimit);
        Assert.Null(history[0].Rules.Incidents);
    }

    [Fact]
    public async Task CreateAgreement_SightingsWithoutHopLimit_StoredAbsentAndReadAsTwo()
    {
        var created = await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement(rules: WithRecords(sightingHopLimit: null)) });

        var got = await _host.Analyst.GetAgreementAsync(new GetAgreementRequest { Id = created.Id });

        Assert.False(got.Rules.Sightings.HasHopLimit);
        Assert.Equal(2u, AgreementContracts.ToModel(got).Rules.Sightings.HopLimit);
    }

    [Fact]
    public async Task UpdateAgreement_RecordRulesChanged_AuditRecordHoldsThemBeforeAndAfter()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement(rules: WithRecords(sightingHopLimit: 1)) });
        var narrower = WithRecords(sightingHopLimit: 1);
        narrower.Incidents.Share = false;
        narrower.Support.MayOffer = true;

        await _host.Admin.UpdateAgreementAsync(new UpdateAgreementRequest { Agreement = TestData.Agreement(rules: narrower), ExpectedVersion = 1 });

        var update = (await _host.Analyst.ListAuditAsync(new ListAuditRequest { Action = "agreement.updated" })).Records.Single();
        Assert.Contains("\"incidents\": { \"share\": true, \"sectors\": [ \"SECTOR_ENERGY\", \"SECTOR_WATER\" ], \"minSeverity\": \"SEVERITY_MEDIUM\", \"redactAffectedServices\": true }",
            update.Before, StringComparison.Ordinal);
        Assert.Contains("\"incidents\": { \"sectors\": [ \"SECTOR_ENERGY\", \"SECTOR_WATER\" ]", update.After, StringComparison.Ordinal);
        Assert.Contains("\"support\": { \"mayRequest\": true }", update.Before, StringComparison.Ordinal);
        Assert.Contains("\"support\": { \"mayRequest\": true, \"mayOffer\": true }", update.After, StringComparison.Ordinal);
        Assert.Contains("\"sightings\": { \"share\": true, \"hopLimit\": 1 }", update.After, StringComparison.Ordinal);
        Assert.True((await _host.Analyst.VerifyAuditAsync(new VerifyAuditRequest())).Valid);
    }

    [Fact]
    public async Task CreateAgreement_PartnerTemplate_SharesNoIncidentsAndNoSupportButSightings()
    {
        var agreement = TestData.Agreement();
        agreement.Rules = null;

        var created = await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = agreement, Template = AgreementTemplate.PartnerBaseline });

        Assert.False(created.Rules.Incidents.Share);
        Assert.Equal(new SupportRules(), created.Rules.Support);
        Assert.True(created.Rules.Sightings.Share);
        // As the engine reads the stored agreement: an incident of every sector, GREEN, critical, still withheld.
        var engine = PolicyEngine.CompileForPreview(AgreementContracts.ToModel(created));
        var at = created.ValidFrom.ToDateTimeOffset().AddDays(1);
        var incident = engine.DecideIncident(new IncidentFacts(Tlp.Green, [Sector.Energy], Severity.Critical), "JPN", at);
        Assert.Equal(PolicyRules.IncidentShare, incident.Rule);
        Assert.False(engine.DecideSupportRequest(new SupportRequestFacts([]), "JPN", at).Allowed);
        Assert.True(engine.DecideSighting(new SightingFacts("JPN", []), "JPN", at).Allowed);
    }

    [Fact]
    public async Task GetTemplate_AllyBaseline_IncidentsFromLowWithAffectedServicesRedactedSupportBothWaysSightings()
    {
        var rules = await _host.Analyst.GetTemplateAsync(new GetTemplateRequest { Template = AgreementTemplate.AllyBaseline });

        Assert.Equal(new IncidentRules { Share = true, MinSeverity = Severity.Low, RedactAffectedServices = true }, rules.Incidents);
        Assert.Equal(new SupportRules { MayRequest = true, MayOffer = true }, rules.Support);
        Assert.Equal(new SightingRules { Share = true, HopLimit = 2 }, rules.Sightings);
    }

    [Theory]
    [InlineData("incidents.sectors[1]")]
    [InlineData("incidents.min_severity")]
    [InlineData("sightings.hop_limit")]
    public async Task CreateAgreement_BadRecordRule_InvalidArgumentNamingTheField(string field)
    {
        var rules = WithRecords(sightingHopLimit: 2);
        switch (field)
        {
            case "incidents.sectors[1]": rules.Incidents.Sectors[1] = (Sector)42; break;
            case "incidents.min_severity": rules.Incidents.MinSeverity = Severity.Unspecified; break;
            default: rules.Sightings.HopLimit = 17; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement(rules: rules) }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("agreement.rules." + field + ":", error.Status.Detail, StringComparison.Ordinal);
    }
}
