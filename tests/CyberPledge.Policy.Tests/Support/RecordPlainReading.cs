using CyberPledge.V1;

namespace CyberPledge.Policy.Tests.Support;

/// <summary>
/// The oracle for incidents, support records and sightings: docs/partners.md ("Incidents, support and sightings")
/// read plainly, written apart from the engine (no masks, no compiled form): which agreements are in force, and
/// whether each of them allows the record.
/// </summary>
internal static class RecordPlainReading
{
    public sealed record Expected(bool Allowed, bool RedactAffectedServices);

    private static readonly Expected Withheld = new(false, false);

    public static Expected Incident(Scenario s, IncidentFacts incident)
    {
        // The indicator TLP rules: only CLEAR to AMBER+STRICT can leave the node; incidents go from their origin only.
        var leaves = incident.Tlp is Tlp.Clear or Tlp.Green or Tlp.Amber or Tlp.AmberStrict;
        return leaves && !incident.Relayed ? AllInForce(s, r => IncidentAllowed(r, incident), r => r.Incidents.RedactAffectedServices) : Withheld;
    }

    public static Expected SupportRequest(Scenario s, SupportRequestFacts request)
    {
        var addressed = request.AddressedTo.Count == 0 || request.AddressedTo.Contains(Scenario.Grantee);
        return addressed && !request.Relayed ? AllInForce(s, r => r.Support.MayRequest) : Withheld;
    }

    public static Expected SupportOffer(Scenario s, SupportOfferFacts offer) =>
        offer.RequestedBy == Scenario.Grantee && !offer.Relayed ? AllInForce(s, r => r.Support.MayOffer) : Withheld;

    public static Expected Sighting(Scenario s, SightingFacts sighting)
    {
        var towardOrigin = sighting.IndicatorOrigin == Scenario.Grantee || sighting.IndicatorReceivedFrom.Contains(Scenario.Grantee);
        var relays = sighting.RelayPathLength + 1;
        return towardOrigin
            ? AllInForce(s, r => r.Sightings.Share && (!sighting.Relayed || relays <= r.Sightings.HopLimit))
            : Withheld;
    }

    public static Expected Receipt(Scenario s, SupportRecordKind kind) =>
        AllInForce(s, r => kind == SupportRecordKind.Request ? r.Support.MayRequest : r.Support.MayOffer);

    private static bool IncidentAllowed(AgreementRules r, IncidentFacts incident)
    {
        var i = r.Incidents;
        if (!i.Share)
        {
            return false;
        }

        if (incident.Tlp == Tlp.AmberStrict ? r.MaxTlp != Tlp.AmberStrict : incident.Tlp > r.MaxTlp)
        {
            return false;
        }

        // Every sector when the agreement names none; otherwise one sector in common, or an incident naming none.
        var sectorsMatch = i.Sectors.Count == 0 || incident.Sectors.Count == 0 || incident.Sectors.Any(i.Sectors.Contains);
        return sectorsMatch && incident.Severity >= i.MinSeverity;
    }

    private static Expected AllInForce(Scenario s, Func<AgreementRules, bool> allows, Func<AgreementRules, bool>? redacts = null)
    {
        var inForce = s.Agreements.Where(a => a.Grantee == Scenario.Grantee && a.Status == AgreementStatus.Active
            && a.ValidFrom <= s.Now && (a.ValidUntil == null || s.Now < a.ValidUntil)).ToList();
        if (inForce.Count == 0 || !inForce.All(a => allows(a.Rules)))
        {
            return Withheld;
        }

        return new Expected(true, redacts is not null && inForce.Any(a => redacts(a.Rules)));
    }
}
