using CyberPledge.V1;

namespace CyberPledge.Stix.Internal.Export;

/// <summary>Lower-case names of the node's enums as the provenance extension writes them ("critical", "energy").</summary>
internal static class Names
{
    public static string Severity(Severity severity) => severity switch
    {
        V1.Severity.Low => "low",
        V1.Severity.Medium => "medium",
        V1.Severity.High => "high",
        V1.Severity.Critical => "critical",
        _ => "unspecified",
    };

    public static string Sector(Sector sector) => sector switch
    {
        V1.Sector.Energy => "energy",
        V1.Sector.Transport => "transport",
        V1.Sector.Communications => "communications",
        V1.Sector.Water => "water",
        V1.Sector.Healthcare => "healthcare",
        V1.Sector.Finance => "finance",
        V1.Sector.Government => "government",
        V1.Sector.Defence => "defence",
        _ => "unspecified",
    };
}
