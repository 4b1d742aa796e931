using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>The rules for incidents, support and sightings (docs/partners.md, "Incidents, support and sightings").</summary>
public static partial class AgreementValidator
{
    private static void ValidateRecordRules(AgreementRules rules, Action<string, string> error)
    {
        var incidents = rules.Incidents ?? IncidentRules.None;
        var i = 0;
        foreach (var sector in incidents.Sectors)
        {
            if (sector is <= Sector.Unspecified || !Enum.IsDefined(sector))
            {
                error($"rules.incidents.sectors[{i}]", $"{(int)sector} is not a sector");
            }

            i++;
        }

        if (!Enum.IsDefined(incidents.MinSeverity))
        {
            error("rules.incidents.min_severity", "low, medium, high or critical");
        }
        else if (incidents.Share && incidents.MinSeverity == Severity.Unspecified)
        {
            error("rules.incidents.min_severity", "required when incidents are shared: low, medium, high or critical");
        }

        if (rules.Sightings.HopLimit > MaxHopLimit)
        {
            error("rules.sightings.hop_limit", $"0-{MaxHopLimit}");
        }
    }
}
