using CyberPledge.Policy.Internal;

namespace CyberPledge.Policy;

/// <summary>
/// Decisions for the records that follow indicators on the federation feed (issue 13): incidents, support requests
/// and offers, sightings (docs/partners.md, "Incidents, support and sightings"). The same procedure as for versions:
/// fixed rules first, then every agreement of the grantee in force, deny overriding allow, each denial naming its rule
/// and agreement. They allocate nothing and keep no trace. The exercise marker decides nothing, as for indicators:
/// exercise data goes under the same agreements, and consumers tell it apart.
/// </summary>
public sealed partial class PolicyEngine
{
    /// <summary>
    /// Whether this node's incident (or its update or guidance) may go to <paramref name="grantee"/> at
    /// <paramref name="now"/>; an allow names in <see cref="PolicyDecision.IncidentRedactions"/> the fields to leave out.
    /// </summary>
    public PolicyDecision DecideIncident(in IncidentFacts incident, string grantee, DateTimeOffset now) =>
        RecordEvaluation.Decide<IncidentRecordRules, IncidentCheck>(Agreements(grantee), new IncidentCheck(incident), grantee, now.UtcTicks);

    /// <summary>Whether this node's support request (or a later step of it) may go to <paramref name="grantee"/>.</summary>
    public PolicyDecision DecideSupportRequest(in SupportRequestFacts request, string grantee, DateTimeOffset now) =>
        RecordEvaluation.Decide<SupportRequestRules, SupportRequestFacts>(Agreements(grantee), request, grantee, now.UtcTicks);

    /// <summary>Whether this node's offer on a support request may go to <paramref name="grantee"/>.</summary>
    public PolicyDecision DecideSupportOffer(in SupportOfferFacts offer, string grantee, DateTimeOffset now) =>
        RecordEvaluation.Decide<SupportOfferRules, SupportOfferFacts>(Agreements(grantee), offer, grantee, now.UtcTicks);

    /// <summary>Whether a sighting (this node's or relayed) may go to <paramref name="grantee"/>.</summary>
    public PolicyDecision DecideSighting(in SightingFacts sighting, string grantee, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sighting.RelayPathLength);
        return RecordEvaluation.Decide<SightingRecordRules, SightingFacts>(Agreements(grantee), sighting, grantee, now.UtcTicks);
    }

    /// <summary>
    /// Whether this node accepts a support record of <paramref name="kind"/> that <paramref name="sender"/> sent it:
    /// a request under its agreements' <c>may_request</c>, an offer under <c>may_offer</c> (rule
    /// <see cref="PolicyRules.Accepted"/> when accepted). This is where a partner's rights are enforced.
    /// </summary>
    public PolicyDecision DecideSupportReceipt(SupportRecordKind kind, string sender, DateTimeOffset now) =>
        RecordEvaluation.Decide<SupportReceiptRules, SupportRecordKind>(Agreements(sender), kind, sender, now.UtcTicks);

    private GranteeAgreements? Agreements(string grantee)
    {
        ArgumentNullException.ThrowIfNull(grantee);
        _byGrantee.TryGetValue(grantee, out var set);
        return set;
    }
}
