using CyberPledge.V1;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>One random decision to make: the grantee's agreements, a version, a time and how it would be delivered.</summary>
internal sealed record Scenario(IReadOnlyList<SharingAgreement> Agreements, Indicator Version, DateTimeOffset Now, DeliveryContext Context)
{
    public const string Grantee = "JPN";

    public PolicyDecision Decide() => PolicyEngine.Compile(Agreements).Decide(Version, Grantee, Now, Context);

    /// <summary>FsCheck prints a failing scenario: everything a reader needs to replay it by hand.</summary>
    public override string ToString() =>
        $"now {Now:O}, {Context}, version {Version}, agreements [{string.Join("; ", Agreements.Select(Describe))}]";

    private static string Describe(SharingAgreement a) =>
        $"{a} {a.Grantee} {a.Status} {a.ValidFrom:O}..{a.ValidUntil:O} max {a.Rules.MaxTlp} types [{string.Join(",", a.Rules.IndicatorTypes)}] " +
        $"sectors [{string.Join(",", a.Rules.Sectors)}] conf>={a.Rules.MinConfidence} sev>={a.Rules.MinSeverity} embargo {a.Rules.Embargo} " +
        $"redact {a.Rules.Redactions} reshare {a.Rules.MayReshare}/{a.Rules.HopLimit} incidents {a.Rules.Incidents.Share} " +
        $"[{string.Join(",", a.Rules.Incidents.Sectors)}] >={a.Rules.Incidents.MinSeverity} redact {a.Rules.Incidents.RedactAffectedServices} " +
        $"{a.Rules.Support} {a.Rules.Sightings}";
}
