using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// Which nodes may hold a version, written from the scenario's rules as plain conditions, independently of the policy
/// engine: the benchmark's oracle for lost and leaked versions.
/// </summary>
internal static class Expectation
{
    /// <summary>The nations other than <paramref name="origin"/> that must receive the version, and no others.</summary>
    public static IReadOnlySet<string> Recipients(Topology topology, string origin, IndicatorSubmission version)
    {
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        if (version.Tlp is Tlp.Unspecified or Tlp.Red)
        {
            return recipients;
        }

        var allyGets = version.Tlp <= ScenarioRules.AllyMaxTlp;
        foreach (var ally in topology.Allies)
        {
            if (ally != origin && allyGets)
            {
                recipients.Add(ally);
            }
        }

        foreach (var partner in topology.Partners)
        {
            if (!PartnerAgreementAllows(version))
            {
                continue;
            }

            var links = topology.LinksOf(partner);
            if (links.Contains(origin, StringComparer.Ordinal))
            {
                recipients.Add(partner);
            }
            else if (allyGets && topology.IsAlly(origin) && links.Any(l => l != origin) && OriginAllowsRelayTo(version, partner))
            {
                // A linked ally got it from its origin and relays it (one relay); a second linked ally's copy is the same version.
                recipients.Add(partner);
            }
        }

        return recipients;
    }

    /// <summary>True when <paramref name="received"/> carries a field the agreements toward <paramref name="nation"/> redact.</summary>
    public static bool CarriesRedactedField(Topology topology, string nation, Indicator received)
    {
        var notes = received.Sensitive?.InternalNotes ?? "";
        var organisation = received.Sensitive?.ReportingOrganisation ?? "";
        return topology.IsPartner(nation)
            ? notes.Length > 0 || organisation.Length > 0 || received.Description.Length > 0
            : notes.Length > 0;
    }

    private static bool PartnerAgreementAllows(IndicatorSubmission version) =>
        version.Tlp <= ScenarioRules.PartnerMaxTlp
        && ScenarioRules.PartnerTypes.Contains(version.Type)
        && version.Sectors.All(s => ScenarioRules.PartnerSectors.Contains(s));

    /// <summary>The origin's distribution as submitted, with the documented defaults (every tier, at most AMBER).</summary>
    private static bool OriginAllowsRelayTo(IndicatorSubmission version, string partner)
    {
        var distribution = version.Distribution;
        if (distribution is null || !distribution.MayReshare || distribution.HopLimit < 1 || ScenarioRules.PartnerHopLimit < 1
            || version.Tlp == Tlp.AmberStrict)
        {
            return false;
        }

        var audience = distribution.RelayAudience;
        var audienceAllows = audience is null || (audience.Tiers.Count == 0 && audience.Nations.Count == 0)
            || audience.Tiers.Contains(Tier.Partner) || audience.Nations.Contains(partner);
        var maxRelayTlp = distribution.MaxRelayTlp == Tlp.Unspecified ? Tlp.Amber : distribution.MaxRelayTlp;
        return audienceAllows && version.Tlp <= maxRelayTlp;
    }
}
