using CyberPledge.V1;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>
/// The oracle for the property tests: what docs/partners.md says an agreement lets through, read plainly and written
/// independently of the engine (no masks, no compiled form, no shared code): sets, dates and nested conditions.
/// </summary>
internal static class PlainReading
{
    public sealed record Expected(bool Allowed, FieldRedactions Redactions, DateTimeOffset? ReleaseAt);

    private static readonly Expected Withheld = new(false, FieldRedactions.None, null);

    public static Expected Decide(Scenario s)
    {
        var v = s.Version;
        if (v.Tlp is Tlp.Unspecified or Tlp.Red)
        {
            return Withheld;
        }

        var inForce = s.Agreements.Where(a => a.Grantee == Scenario.Grantee && a.Status == AgreementStatus.Active
            && a.ValidFrom <= s.Now && (a.ValidUntil == null || s.Now < a.ValidUntil)).ToList();

        // v3 is v2 plus the import provenance: any field can leave its copies as well.
        var v2 = v.Encoding is CanonicalEncoding.V2 or CanonicalEncoding.V3;
        if (v.Revoked && s.Context.GranteeReceivedEarlierVersion && v2)
        {
            // Any field can leave a v2 copy: every redaction in force, or every field when no agreement is in force.
            return new Expected(true, inForce.Count == 0 ? FieldRedactions.All
                : inForce.Aggregate(FieldRedactions.None, (r, a) => r | (a.Rules.Redactions & FieldRedactions.All)), null);
        }

        if (v.Revoked && s.Context.GranteeReceivedEarlierVersion)
        {
            // Only the sensitive message can leave a v1 copy, and it leaves whole; with no agreement in force it always does.
            var dropsSensitive = inForce.Count == 0 || inForce.Any(a =>
                a.Rules.Redactions.HasFlag(FieldRedactions.ReportingOrganisation) || a.Rules.Redactions.HasFlag(FieldRedactions.InternalNotes));
            return new Expected(true, dropsSensitive ? FieldRedactions.ReportingOrganisation | FieldRedactions.InternalNotes : FieldRedactions.None, null);
        }

        if (s.Context.Relayed)
        {
            if (v.Tlp == Tlp.AmberStrict || !v.Distribution.MayReshare || s.Context.RelayPathLength + 1 > v.Distribution.HopLimit)
            {
                return Withheld;
            }
        }

        if (inForce.Count == 0 || !inForce.All(a => Allows(a.Rules, v, s.Context)))
        {
            return Withheld;
        }

        var redactions = FieldRedactions.None;
        DateTimeOffset? release = null;
        foreach (var a in inForce)
        {
            redactions |= a.Rules.Redactions & FieldRedactions.All;
            if (a.Rules.Embargo > TimeSpan.Zero)
            {
                var madeAt = (v.Modified ?? v.Created).ToDateTimeOffset() + a.Rules.Embargo;
                release = release is null || madeAt > release ? madeAt : release;
            }
        }

        if (!v2 && (redactions.HasFlag(FieldRedactions.ReportingOrganisation) || redactions.HasFlag(FieldRedactions.InternalNotes)))
        {
            redactions |= FieldRedactions.ReportingOrganisation | FieldRedactions.InternalNotes;
        }

        return new Expected(true, redactions, release);
    }

    private static bool Allows(AgreementRules r, Indicator v, DeliveryContext context)
    {
        if (v.Tlp == Tlp.AmberStrict && r.MaxTlp != Tlp.AmberStrict)
        {
            return false;
        }

        // Imported data nobody promoted goes only where the agreement says imported data may go (SECURITY.md rule 2).
        if (v.Imported != null && !v.Imported.Promoted && !r.ShareImported)
        {
            return false;
        }

        if (v.Tlp > r.MaxTlp || !r.IndicatorTypes.Contains(v.Type))
        {
            return false;
        }

        if (r.Sectors.Count == 0 || v.Sectors.Any(sector => !r.Sectors.Contains(sector)))
        {
            return false;
        }

        if (v.Confidence < r.MinConfidence || v.Severity < r.MinSeverity)
        {
            return false;
        }

        if (context.Relayed && (!r.MayReshare || context.RelayPathLength + 1 > r.HopLimit))
        {
            return false;
        }

        // Canonical encoding v1 signs these directly: a copy without them would not verify (v2 commits each by a digest).
        if (!v2Encoded(v) && ((r.Redactions.HasFlag(FieldRedactions.Description) && v.Description != "")
            || (r.Redactions.HasFlag(FieldRedactions.Tags) && v.Tags.Count > 0)
            || (r.Redactions.HasFlag(FieldRedactions.KillChainPhases) && v.KillChainPhases.Count > 0)))
        {
            return false;
        }

        return r.Embargo == TimeSpan.Zero || v.Modified != null || v.Created != null;

        static bool v2Encoded(Indicator v) => v.Encoding is CanonicalEncoding.V2 or CanonicalEncoding.V3;
    }
}
