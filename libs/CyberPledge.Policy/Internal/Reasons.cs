using System.Numerics;
using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>
/// The words of decisions and traces. Kept apart from the checks so that deciding formats nothing: a reason is
/// built from the decision's rule, agreement and packed detail only when someone reads it.
/// </summary>
internal static class Reasons
{
    public static string Format(in PolicyDecision d)
    {
        var a = d.Agreement;
        var detail = d.Detail;
        return d.Rule switch
        {
            null => "",
            PolicyRules.Allowed => $"shared under {a}{Redacted(d.Redactions)}{Redacted(d.IncidentRedactions)}{Released(d.ReleaseAt)}",
            PolicyRules.Accepted => $"accepted under {a}",
            PolicyRules.RevocationOfHeld => $"shared: revocation of an indicator {d.Grantee} received{Redacted(d.Redactions)}",
            PolicyRules.TlpUnknown => "withheld: the version has no valid TLP",
            PolicyRules.TlpRed => "withheld: TLP:RED is never shared by federation",
            PolicyRules.AmberStrictRelay => "withheld: TLP:AMBER+STRICT is never relayed",
            PolicyRules.AmberStrictMaximum =>
                $"withheld: TLP:AMBER+STRICT goes only under an agreement whose maximum is TLP:AMBER+STRICT; agreement {a} maximum {Names.Of(a!.Rules.MaxTlp)}",
            PolicyRules.NoAgreement => $"withheld: no active agreement with {d.Grantee}",
            PolicyRules.AgreementStatus => $"withheld: no active agreement with {d.Grantee} (agreement {a} is {Names.Of(a!.Status)})",
            PolicyRules.ValidityWindow =>
                $"withheld: agreement {a} is not in force at {Names.Of(new DateTimeOffset(detail, TimeSpan.Zero))} ({Window(a!)})",
            PolicyRules.ImportedNotPromoted => $"withheld: imported data not promoted, and agreement {a} does not share imported data",
            PolicyRules.MaxTlp => $"withheld: {Names.Of((Tlp)detail)} exceeds agreement {a} maximum {Names.Of(a!.Rules.MaxTlp)}",
            PolicyRules.IndicatorTypes => $"withheld: type {Names.Of((IndicatorType)detail)} is not among agreement {a} indicator types",
            PolicyRules.Sectors => a!.Rules.Sectors.Count == 0
                ? $"withheld: agreement {a} allows no sectors"
                : $"withheld: sector {Names.Of((Sector)BitOperations.TrailingZeroCount((uint)detail))} is not among agreement {a} sectors",
            PolicyRules.MinConfidence => $"withheld: confidence {detail} is below agreement {a} minimum {a!.Rules.MinConfidence}",
            PolicyRules.MinSeverity =>
                $"withheld: severity {Names.Of((Severity)detail)} is below agreement {a} minimum {Names.Of(a!.Rules.MinSeverity)}",
            PolicyRules.OriginReshare => "withheld: the origin's distribution does not allow re-sharing",
            PolicyRules.OriginHopLimit =>
                $"withheld: relaying would make {detail >> 32} relays past the origin, above the origin's hop limit {detail & uint.MaxValue}",
            PolicyRules.AgreementReshare => $"withheld: agreement {a} does not allow re-sharing, and the version is relayed",
            PolicyRules.AgreementHopLimit =>
                $"withheld: relaying would make {detail} relays past the origin, above agreement {a} hop limit {a!.Rules.HopLimit}",
            PolicyRules.RedactionUnverifiable =>
                $"withheld: agreement {a} redacts {Names.Of((FieldRedactions)detail)}, which canonical encoding v1 signs directly (DESIGN.md Decision 1)",
            PolicyRules.Embargo => $"withheld: agreement {a} has an embargo and the version has no creation time",
            _ => FormatRecord(d),
        };
    }

    /// <summary>The reasons of incident, support and sighting decisions.</summary>
    private static string FormatRecord(in PolicyDecision d)
    {
        var a = d.Agreement;
        var detail = d.Detail;
        var refusedOrWithheld = detail == SupportReceiptRules.Receipt ? "refused" : "withheld";
        return d.Rule switch
        {
            PolicyRules.RecordRelayed =>
                $"withheld: another nation's {Kind((RecordKind)detail)} is not relayed: it goes only from its origin to the nations concerned",
            PolicyRules.IncidentShare => $"withheld: agreement {a} does not share incidents",
            PolicyRules.IncidentSectors =>
                $"withheld: none of the incident's sectors ({Names.OfSectors((uint)detail)}) is among agreement {a} incident sectors ({string.Join(", ", a!.Rules.Incidents.Sectors.Select(Names.Of))})",
            PolicyRules.IncidentMinSeverity =>
                $"withheld: incident severity {Names.Of((Severity)detail)} is below agreement {a} incident minimum {Names.Of(a!.Rules.Incidents.MinSeverity)}",
            PolicyRules.SupportNotAddressed => $"withheld: the support request is not addressed to {d.Grantee}",
            PolicyRules.SupportMayRequest => $"{refusedOrWithheld}: agreement {a} does not allow support requests with {d.Grantee}",
            PolicyRules.SupportMayOffer => $"{refusedOrWithheld}: agreement {a} does not allow support offers with {d.Grantee}",
            PolicyRules.SupportOfferNotToRequester => $"withheld: an offer goes only to the nation that made the request, not to {d.Grantee}",
            PolicyRules.SightingNotTowardOrigin =>
                $"withheld: the sighted indicator neither comes from {d.Grantee} nor was relayed to this node by it",
            PolicyRules.SightingShare => $"withheld: agreement {a} does not share sightings",
            PolicyRules.SightingHopLimit =>
                $"withheld: relaying would make {detail} relays past the node that made the sighting, above agreement {a} sighting hop limit {a!.Rules.Sightings.HopLimit}",
            _ => $"withheld: {d.Rule}",
        };
    }

    private static string Kind(RecordKind kind) => kind switch
    {
        RecordKind.Incident => "incident",
        RecordKind.SupportRequest => "support request",
        RecordKind.SupportOffer => "support offer",
        _ => "record",
    };

    private static string Redacted(IncidentRedactions redactions) =>
        redactions.HasFlag(IncidentRedactions.AffectedServices) ? ", affected services redacted" : "";

    /// <summary>What a passed rule compared, for a trace line.</summary>
    public static string Passed(string rule, CompiledAgreement? a, in VersionFacts v, in DeliveryContext context, long releaseTicks) => rule switch
    {
        PolicyRules.RevocationOfHeld => "revocation of an indicator the grantee received",
        PolicyRules.TlpUnknown => $"{Names.Of(v.Tlp)} is a TLP 2.0 level",
        PolicyRules.TlpRed => $"{Names.Of(v.Tlp)} is not TLP:RED",
        PolicyRules.AmberStrictRelay => $"{Names.Of(v.Tlp)} is not TLP:AMBER+STRICT",
        PolicyRules.OriginReshare => "the origin's distribution allows re-sharing",
        PolicyRules.OriginHopLimit => $"{context.RelayPathLength + 1L} relays within the origin's hop limit {v.OriginHopLimit}",
        PolicyRules.ValidityWindow => $"in force ({Window(a!.Source)})",
        PolicyRules.AmberStrictMaximum => $"{Names.Of(v.Tlp)} under maximum {Names.Of(a!.MaxTlp)}",
        PolicyRules.ImportedNotPromoted => v.UnpromotedImport ? "imported data shared under the agreement" : "not unpromoted imported data",
        PolicyRules.MaxTlp => $"{Names.Of(v.Tlp)} within maximum {Names.Of(a!.MaxTlp)}",
        PolicyRules.IndicatorTypes => $"type {Names.Of(v.Type)} allowed",
        PolicyRules.Sectors => v.SectorMask == 0 ? "no sector named" : "every sector named is allowed",
        PolicyRules.MinConfidence => $"confidence {v.Confidence} at least {a!.MinConfidence}",
        PolicyRules.MinSeverity => $"severity {Names.Of(v.Severity)} at least {Names.Of(a!.MinSeverity)}",
        PolicyRules.AgreementReshare => "re-sharing allowed",
        PolicyRules.AgreementHopLimit => $"{context.RelayPathLength + 1L} relays within hop limit {a!.HopLimit}",
        PolicyRules.RedactionUnverifiable => "every redaction keeps the copy verifiable",
        PolicyRules.Embargo => releaseTicks < 0 ? "no embargo" : $"released at {Names.Of(new DateTimeOffset(releaseTicks, TimeSpan.Zero))}",
        _ => "pass",
    };

    private static string Redacted(FieldRedactions redactions) =>
        redactions == FieldRedactions.None ? "" : $", {Names.Of(redactions)} redacted";

    private static string Released(DateTimeOffset? releaseAt) => releaseAt is { } at ? $", released at {Names.Of(at)}" : "";

    private static string Window(SharingAgreement a) =>
        $"valid from {Names.Of(a.ValidFrom)}{(a.ValidUntil is { } until ? " until " + Names.Of(until) : "")}";
}
