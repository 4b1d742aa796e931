using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>How reasons name TLP levels, types, sectors and severities: as people read them, not as C# enums.</summary>
internal static class Names
{
    public static string Of(Tlp tlp) => tlp switch
    {
        Tlp.Clear => "TLP:CLEAR",
        Tlp.Green => "TLP:GREEN",
        Tlp.Amber => "TLP:AMBER",
        Tlp.AmberStrict => "TLP:AMBER+STRICT",
        Tlp.Red => "TLP:RED",
        _ => "TLP:UNSPECIFIED",
    };

    public static string Of(IndicatorType type) =>
        type is > IndicatorType.Unspecified and <= IndicatorType.Asn ? type.ToString().ToLowerInvariant() : "unspecified";

    public static string Of(Sector sector) =>
        sector is > Sector.Unspecified and <= Sector.Defence ? sector.ToString().ToLowerInvariant() : "unspecified";

    public static string Of(Severity severity) =>
        severity is > Severity.Unspecified and <= Severity.Critical ? severity.ToString().ToLowerInvariant() : "unspecified";

    public static string Of(AgreementStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>"reporting organisation, internal notes and tags".</summary>
    public static string Of(FieldRedactions redactions)
    {
        var names = new List<string>(5);
        AddIf(FieldRedactions.ReportingOrganisation, "reporting organisation");
        AddIf(FieldRedactions.InternalNotes, "internal notes");
        AddIf(FieldRedactions.Description, "description");
        AddIf(FieldRedactions.KillChainPhases, "kill-chain phases");
        AddIf(FieldRedactions.Tags, "tags");
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " and " + names[^1];

        void AddIf(FieldRedactions field, string name)
        {
            if ((redactions & field) != 0)
            {
                names.Add(name);
            }
        }
    }

    /// <summary>"energy, defence": the sectors of a mask, in enum order.</summary>
    public static string OfSectors(uint mask) =>
        string.Join(", ", Enum.GetValues<Sector>().Where(s => s != Sector.Unspecified && (mask & VersionFacts.Bit((int)s)) != 0).Select(Of));

    /// <summary>Whether <paramref name="nations"/> holds <paramref name="nation"/> (ordinal; a loop, so that deciding allocates nothing).</summary>
    public static bool Holds(IReadOnlyList<string> nations, string nation)
    {
        for (var i = 0; i < nations.Count; i++)
        {
            if (string.Equals(nations[i], nation, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static string Of(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
