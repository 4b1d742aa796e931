using CyberPledge.Policy.Tests.Support;
using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;

namespace CyberPledge.Policy.Tests;

/// <summary>
/// Incidents, support records and sightings over random agreements, times and records: each decision agrees with
/// <see cref="RecordPlainReading"/>, written apart from the engine, and the invariants the agreements dictate hold.
/// </summary>
public sealed class RecordPolicyPropertyTests
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static void Check<T>(Gen<(Scenario Scenario, T Record)> cases, Func<Scenario, T, bool> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(cases.ToArbitrary(), c => property(c.Scenario, c.Record)));

    private static PolicyEngine Engine(Scenario s) => PolicyEngine.Compile(s.Agreements);

    private static bool Agrees(PolicyDecision decision, RecordPlainReading.Expected expected) =>
        decision.Allowed == expected.Allowed
        && (!decision.Allowed || decision.IncidentRedactions.HasFlag(IncidentRedactions.AffectedServices) == expected.RedactAffectedServices);

    [Fact]
    public void Scenarios_ManySamples_ReachBothOutcomesForEveryKind()
    {
        var incidents = RecordGenerators.With(RecordGenerators.Incident).Sample(3000).Select(c => Engine(c.Scenario).DecideIncident(c.Record, Scenario.Grantee, c.Scenario.Now)).ToList();
        var requests = RecordGenerators.With(RecordGenerators.SupportRequest).Sample(3000).Select(c => Engine(c.Scenario).DecideSupportRequest(c.Record, Scenario.Grantee, c.Scenario.Now)).ToList();
        var sightings = RecordGenerators.With(RecordGenerators.Sighting).Sample(3000).Select(c => Engine(c.Scenario).DecideSighting(c.Record, Scenario.Grantee, c.Scenario.Now)).ToList();

        Assert.InRange(incidents.Count(d => d.Allowed), 150, 2850);
        Assert.Contains(incidents, d => d.Allowed && d.IncidentRedactions != IncidentRedactions.None);
        foreach (var rule in new[] { PolicyRules.IncidentShare, PolicyRules.IncidentSectors, PolicyRules.IncidentMinSeverity, PolicyRules.MaxTlp,
                     PolicyRules.TlpRed, PolicyRules.RecordRelayed, PolicyRules.AmberStrictMaximum })
        {
            Assert.Contains(incidents, d => d.Rule == rule);
        }

        Assert.InRange(requests.Count(d => d.Allowed), 150, 2850);
        Assert.Contains(requests, d => d.Rule == PolicyRules.SupportNotAddressed);
        Assert.InRange(sightings.Count(d => d.Allowed), 150, 2850);
        Assert.Contains(sightings, d => d.Rule == PolicyRules.SightingHopLimit);
        Assert.Contains(sightings, d => d.Rule == PolicyRules.SightingNotTowardOrigin);
    }

    [Fact]
    public void DecideIncident_AnyScenario_AgreesWithThePlainReading()
    {
        Check(RecordGenerators.With(RecordGenerators.Incident),
            (s, incident) => Agrees(Engine(s).DecideIncident(incident, Scenario.Grantee, s.Now), RecordPlainReading.Incident(s, incident)));
    }

    [Fact]
    public void DecideSupportRequest_AnyScenario_AgreesWithThePlainReading()
    {
        Check(RecordGenerators.With(RecordGenerators.SupportRequest),
            (s, request) => Agrees(Engine(s).DecideSupportRequest(request, Scenario.Grantee, s.Now), RecordPlainReading.SupportRequest(s, request)));
    }

    [Fact]
    public void DecideSupportOffer_AnyScenario_AgreesWithThePlainReading()
    {
        Check(RecordGenerators.With(RecordGenerators.SupportOffer),
            (s, offer) => Agrees(Engine(s).DecideSupportOffer(offer, Scenario.Grantee, s.Now), RecordPlainReading.SupportOffer(s, offer)));
    }

    [Fact]
    public void DecideSighting_AnyScenario_AgreesWithThePlainReading()
    {
        Check(RecordGenerators.With(RecordGenerators.Sighting),
            (s, sighting) => Agrees(Engine(s).DecideSighting(sighting, Scenario.Grantee, s.Now), RecordPlainReading.Sighting(s, sighting)));
    }

    [Fact]
    public void DecideSupportReceipt_AnyScenario_AgreesWithThePlainReading()
    {
        Check(RecordGenerators.With(Gen.Elements(SupportRecordKind.Request, SupportRecordKind.Offer)),
            (s, kind) => Agrees(Engine(s).DecideSupportReceipt(kind, Scenario.Grantee, s.Now), RecordPlainReading.Receipt(s, kind)));
    }

    [Fact]
    public void DecideIncident_RedOrUnknownTlp_NeverPasses()
    {
        var cases = RecordGenerators.With(RecordGenerators.Incident.SelectMany(i => Gen.Elements(Tlp.Red, Tlp.Unspecified, (Tlp)9).Select(t => i with { Tlp = t })));

        Check(cases, (s, incident) => !Engine(s).DecideIncident(incident, Scenario.Grantee, s.Now).Allowed);
    }

    [Fact]
    public void DecideAnyKind_PartnerBaselineOnly_SharesNoIncidentAndNoSupport()
    {
        var partner = PolicyGenerators.Scenarios(status: Gen.Constant(AgreementStatus.Active))
            .Select(s => s with { Agreements = [.. s.Agreements.Select(a => a with { Rules = AgreementTemplates.PartnerBaseline() })] });
        var cases = from s in partner from i in RecordGenerators.Incident from r in RecordGenerators.SupportRequest from o in RecordGenerators.SupportOffer
                    select (s, (i, r, o));

        Check(cases, (s, records) =>
        {
            var engine = Engine(s);
            return !engine.DecideIncident(records.i, Scenario.Grantee, s.Now).Allowed
                && !engine.DecideSupportRequest(records.r, Scenario.Grantee, s.Now).Allowed
                && !engine.DecideSupportOffer(records.o, Scenario.Grantee, s.Now).Allowed
                && !engine.DecideSupportReceipt(SupportRecordKind.Request, Scenario.Grantee, s.Now).Allowed
                && !engine.DecideSupportReceipt(SupportRecordKind.Offer, Scenario.Grantee, s.Now).Allowed;
        });
    }
}
