namespace CyberPledge.Policy.Internal;

/// <summary>
/// A sighting goes only toward its indicator's origin (to the origin, or to a nation that relayed the indicator to
/// this node: DESIGN.md Decision 13), under <c>sightings.share</c>, and a relayed one within the sighting hop limit.
/// </summary>
internal sealed class SightingRecordRules : IRecordRules<SightingFacts>
{
    public static string AllowedRule => PolicyRules.Allowed;

    public static string? CheckFixed(in SightingFacts f, string grantee, out long detail)
    {
        detail = 0;
        var towardOrigin = string.Equals(f.IndicatorOrigin, grantee, StringComparison.Ordinal)
            || (f.IndicatorReceivedFrom is { } receivedFrom && Names.Holds(receivedFrom, grantee));
        return towardOrigin ? null : PolicyRules.SightingNotTowardOrigin;
    }

    public static string? CheckAgreement(CompiledAgreement a, in SightingFacts f, out long detail)
    {
        // This node's relay counts: the sighting reaches the grantee RelayPathLength + 1 relays past the node that made it.
        detail = f.RelayPathLength + 1L;
        return !a.SightingShare ? PolicyRules.SightingShare
            : f.Relayed && detail > a.SightingHopLimit ? PolicyRules.SightingHopLimit
            : null;
    }

    public static IncidentRedactions Redactions(CompiledAgreement a) => IncidentRedactions.None;
}
