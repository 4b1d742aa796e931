namespace CyberPledge.Policy;

/// <summary>
/// The machine-readable ids of the rules a decision names (<see cref="PolicyDecision.Rule"/>), counted by Preview and
/// listed by Explain. Those starting with "fixed." are TLP 2.0 rules in code that no agreement overrides.
/// </summary>
public static class PolicyRules
{
    /// <summary>A revocation of an indicator the grantee received is always delivered (allow).</summary>
    public const string RevocationOfHeld = "fixed.revocation_of_held";

    /// <summary>A version without a valid TLP is never shared.</summary>
    public const string TlpUnknown = "fixed.tlp_unknown";

    /// <summary>TLP:RED is never shared by federation.</summary>
    public const string TlpRed = "fixed.tlp_red";

    /// <summary>TLP:AMBER+STRICT is never relayed (DESIGN.md Decision 10).</summary>
    public const string AmberStrictRelay = "fixed.amber_strict_relay";

    /// <summary>TLP:AMBER+STRICT goes only to a grantee whose agreement's maximum TLP is AMBER+STRICT (Decision 10).</summary>
    public const string AmberStrictMaximum = "fixed.amber_strict_max";

    /// <summary>The grantee has no agreement at all.</summary>
    public const string NoAgreement = "no_agreement";

    /// <summary>The grantee's agreements are drafts, suspended, revoked or expired.</summary>
    public const string AgreementStatus = "status";

    /// <summary>The time is outside the agreement's validity window.</summary>
    public const string ValidityWindow = "validity";

    /// <summary>The version is imported data no analyst promoted, and the agreement does not share imported data (SECURITY.md rule 2).</summary>
    public const string ImportedNotPromoted = "imported_not_promoted";

    /// <summary>The version's TLP is above the agreement's maximum.</summary>
    public const string MaxTlp = "max_tlp";

    /// <summary>The version's type is not among the agreement's indicator types.</summary>
    public const string IndicatorTypes = "indicator_types";

    /// <summary>A sector the version names is not among the agreement's sectors.</summary>
    public const string Sectors = "sectors";

    /// <summary>The version's confidence is below the agreement's minimum.</summary>
    public const string MinConfidence = "min_confidence";

    /// <summary>The version's severity is below the agreement's minimum.</summary>
    public const string MinSeverity = "min_severity";

    /// <summary>A relayed version whose origin's distribution does not allow re-sharing.</summary>
    public const string OriginReshare = "relay.origin_reshare";

    /// <summary>A relayed version whose origin's hop limit is reached.</summary>
    public const string OriginHopLimit = "relay.origin_hop_limit";

    /// <summary>A relayed version, and the agreement does not allow re-sharing.</summary>
    public const string AgreementReshare = "relay.agreement_reshare";

    /// <summary>A relayed version, and the agreement's hop limit is reached.</summary>
    public const string AgreementHopLimit = "relay.agreement_hop_limit";

    /// <summary>The agreement redacts a field that canonical encoding v1 signs directly (DESIGN.md Decision 1).</summary>
    public const string RedactionUnverifiable = "redaction.v1_signed_field";

    /// <summary>An embargo that cannot be computed (the version has no time) withholds; otherwise it delays (allow).</summary>
    public const string Embargo = "embargo";

    /// <summary>Every rule passed: shared.</summary>
    public const string Allowed = "allowed";

    /// <summary>Another nation's incident or support record: those go only from their origin to the nations concerned.</summary>
    public const string RecordRelayed = "relay.not_relayed_kind";

    /// <summary>The agreement does not share incidents.</summary>
    public const string IncidentShare = "incident.share";

    /// <summary>None of the sectors the incident names is among the agreement's incident sectors.</summary>
    public const string IncidentSectors = "incident.sectors";

    /// <summary>The incident's severity is below the agreement's incident minimum.</summary>
    public const string IncidentMinSeverity = "incident.min_severity";

    /// <summary>The support request is addressed to chosen nations, and the grantee is not one of them.</summary>
    public const string SupportNotAddressed = "support.not_addressed";

    /// <summary>The agreement does not allow support requests with the grantee.</summary>
    public const string SupportMayRequest = "support.may_request";

    /// <summary>The agreement does not allow support offers with the grantee.</summary>
    public const string SupportMayOffer = "support.may_offer";

    /// <summary>An offer goes only to the nation that made the request.</summary>
    public const string SupportOfferNotToRequester = "support.offer_not_to_requester";

    /// <summary>A sighting goes only toward its indicator's origin: to the origin, or to a nation that relayed the indicator to this node.</summary>
    public const string SightingNotTowardOrigin = "sighting.not_toward_origin";

    /// <summary>The agreement does not share sightings.</summary>
    public const string SightingShare = "sighting.share";

    /// <summary>A relayed sighting, and the agreement's sighting hop limit is reached.</summary>
    public const string SightingHopLimit = "sighting.hop_limit";

    /// <summary>Every rule passed for a support record another nation sent this node: accepted.</summary>
    public const string Accepted = "accepted";
}
