using CyberPledge.Policy.Tests.Support;
using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;

namespace CyberPledge.Policy.Tests;

/// <summary>
/// Properties over random versions, agreements, times and deliveries. The expectations come from
/// <see cref="PlainReading"/> (written apart from the engine) or are invariants read off the agreements themselves.
/// </summary>
public sealed class PolicyEnginePropertyTests
{
    private static readonly Config Config = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(3000);

    private static readonly Gen<AgreementStatus> NotActive =
        Gen.Elements(AgreementStatus.Draft, AgreementStatus.Suspended, AgreementStatus.Revoked, AgreementStatus.Expired);

    private static void Check(Gen<Scenario> scenarios, Func<Scenario, bool> property) =>
        FsCheck.Check.One(Config, Prop.ForAll(scenarios.ToArbitrary(), property));

    private static IEnumerable<SharingAgreement> InForce(Scenario s) => s.Agreements.Where(a =>
        a.Status == AgreementStatus.Active && a.ValidFrom <= s.Now && (a.ValidUntil is null || s.Now < a.ValidUntil));

    [Fact]
    public void Scenarios_ManySamples_ReachBothOutcomesAndEveryKindOfDenial()
    {
        // The properties below say little if random scenarios were nearly always withheld for one reason.
        var decisions = PolicyGenerators.Scenarios().Sample(5000).Select(s => s.Decide()).ToList();

        Assert.InRange(decisions.Count(d => d.Allowed), 250, 4750);
        Assert.Contains(decisions, d => d.Allowed && d.ReleaseAt is not null);
        Assert.Contains(decisions, d => d.Allowed && d.Redactions != FieldRedactions.None);
        foreach (var rule in new[] { PolicyRules.MaxTlp, PolicyRules.IndicatorTypes, PolicyRules.Sectors, PolicyRules.ValidityWindow,
                     PolicyRules.TlpRed, PolicyRules.OriginHopLimit, PolicyRules.AgreementReshare, PolicyRules.RedactionUnverifiable })
        {
            Assert.Contains(decisions, d => d.Rule == rule);
        }
    }

    [Fact]
    public void Decide_AnyScenario_AgreesWithThePlainReadingOfTheAgreements()
    {
        Check(PolicyGenerators.Scenarios(held: PolicyGenerators.SometimesHeld), s =>
        {
            var decision = s.Decide();
            var expected = PlainReading.Decide(s);
            return decision.Allowed == expected.Allowed
                && (!decision.Allowed || (decision.Redactions == expected.Redactions && decision.ReleaseAt == expected.ReleaseAt));
        });
    }

    [Fact]
    public void Decide_AnyScenario_WhatPassesNeverExceedsAnAgreementInForce()
    {
        Check(PolicyGenerators.Scenarios(), s =>
        {
            var decision = s.Decide();
            if (!decision.Allowed)
            {
                return true;
            }

            var v = s.Version;
            var inForce = InForce(s).ToList();
            var madeAt = (v.Modified ?? v.Created)?.ToDateTimeOffset();
            return inForce.Count > 0
                && inForce.Contains(decision.Agreement!)
                && inForce.All(a =>
                    v.Tlp <= a.Rules.MaxTlp
                    && a.Rules.IndicatorTypes.Contains(v.Type)
                    && a.Rules.Sectors.Count > 0 && a.Rules.Sectors.IsSupersetOf(v.Sectors)
                    && v.Confidence >= a.Rules.MinConfidence
                    && v.Severity >= a.Rules.MinSeverity
                    && (a.Rules.Embargo == TimeSpan.Zero || (decision.ReleaseAt >= madeAt + a.Rules.Embargo
                        && decision.IsDeliverableAt(s.Now) == (s.Now >= decision.ReleaseAt))));
        });
    }

    [Fact]
    public void RedactorApply_WhatPasses_HoldsNoFieldAnAgreementInForceRedacts()
    {
        Check(PolicyGenerators.Scenarios(), s =>
        {
            var decision = s.Decide();
            if (!decision.Allowed)
            {
                return true;
            }

            var copy = Redactor.Apply(s.Version, decision.Redactions);
            var redacted = InForce(s).Aggregate(FieldRedactions.None, (all, a) => all | a.Rules.Redactions);
            return (!redacted.HasFlag(FieldRedactions.ReportingOrganisation) || copy.Sensitive?.ReportingOrganisation is null or "")
                && (!redacted.HasFlag(FieldRedactions.InternalNotes) || copy.Sensitive?.InternalNotes is null or "")
                && (!redacted.HasFlag(FieldRedactions.Description) || copy.Description.Length == 0)
                && (!redacted.HasFlag(FieldRedactions.Tags) || copy.Tags.Count == 0)
                && (!redacted.HasFlag(FieldRedactions.KillChainPhases) || copy.KillChainPhases.Count == 0)
                && copy.SensitiveDigest.Equals(s.Version.SensitiveDigest);
        });
    }

    [Fact]
    public void Decide_RedVersion_NeverPasses()
    {
        var red = PolicyGenerators.Scenarios(held: PolicyGenerators.SometimesHeld)
            .Select(s => s with { Version = s.Version.With(v => v.Tlp = Tlp.Red) });

        Check(red, s => !s.Decide().Allowed);
    }

    [Fact]
    public void Decide_OnlyDraftSuspendedRevokedOrExpiredAgreements_PassNothing()
    {
        Check(PolicyGenerators.Scenarios(status: NotActive), s => !s.Decide().Allowed);
    }

    [Fact]
    public void Evaluate_SuspendedRevokedOrExpiredAgreement_PassesNothingEvenInPreview()
    {
        var ended = Gen.Elements(AgreementStatus.Suspended, AgreementStatus.Revoked, AgreementStatus.Expired);

        Check(PolicyGenerators.Scenarios(status: ended), s => !PolicyEngine.Evaluate(s.Agreements[0], s.Version, s.Now, s.Context).Allowed);
    }

    [Fact]
    public void Decide_AmberStrict_PassesOnlyDirectlyUnderAnAmberStrictMaximum()
    {
        var amberStrict = PolicyGenerators.Scenarios().Select(s => s with { Version = s.Version.With(v => v.Tlp = Tlp.AmberStrict) });

        Check(amberStrict, s =>
        {
            var decision = s.Decide();
            return !decision.Allowed || (!s.Context.Relayed && InForce(s).All(a => a.Rules.MaxTlp == Tlp.AmberStrict));
        });
    }

    [Fact]
    public void Explain_AnyScenario_DecidesAsDecideDoesAndTracesTheDecidingRule()
    {
        Check(PolicyGenerators.Scenarios(held: PolicyGenerators.SometimesHeld), s =>
        {
            var engine = PolicyEngine.Compile(s.Agreements);
            var decided = engine.Decide(s.Version, Scenario.Grantee, s.Now, s.Context);
            var explained = engine.Explain(s.Version, Scenario.Grantee, s.Now, s.Context);
            return decided.Allowed == explained.Allowed && decided.Rule == explained.Rule && decided.Reason == explained.Reason
                && (decided.Allowed ? explained.Trace.All(o => o.Passed || o.Rule == PolicyRules.ValidityWindow)
                    : explained.Trace.First(o => !o.Passed && o.Rule == decided.Rule).Detail == decided.Reason);
        });
    }
}
