using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>An incident record's facts as the rules compare them: its sectors as a mask.</summary>
internal readonly struct IncidentCheck(in IncidentFacts incident)
{
    public readonly Tlp Tlp = incident.Tlp;

    public readonly uint SectorMask = Mask(incident.Sectors);

    public readonly Severity Severity = incident.Severity;

    public readonly bool Relayed = incident.Relayed;

    private static uint Mask(IReadOnlyList<Sector>? sectors)
    {
        uint mask = 0;
        for (var i = 0; i < (sectors?.Count ?? 0); i++)
        {
            mask |= VersionFacts.Bit((int)sectors![i]);
        }

        return mask;
    }
}

/// <summary>
/// Incidents: the fixed TLP rules of indicators (no TLP and RED never leave; AMBER+STRICT only under an AMBER+STRICT
/// maximum, Decision 10), never relayed; per agreement the kind shared, the TLP maximum, the sectors and the severity.
/// </summary>
internal sealed class IncidentRecordRules : IRecordRules<IncidentCheck>
{
    public static string AllowedRule => PolicyRules.Allowed;

    public static string? CheckFixed(in IncidentCheck f, string grantee, out long detail)
    {
        detail = (long)f.Tlp;
        return f.Tlp is < Tlp.Clear or > Tlp.Red ? PolicyRules.TlpUnknown
            : f.Tlp == Tlp.Red ? PolicyRules.TlpRed
            : f.Relayed ? Relayed(RecordKind.Incident, out detail)
            : null;
    }

    public static string? CheckAgreement(CompiledAgreement a, in IncidentCheck f, out long detail)
    {
        detail = (long)f.Tlp;
        if (!a.IncidentShare)
        {
            return PolicyRules.IncidentShare;
        }

        // Decision 10: AMBER+STRICT only where the maximum is exactly AMBER+STRICT.
        if (f.Tlp == Tlp.AmberStrict && a.MaxTlp != Tlp.AmberStrict)
        {
            return PolicyRules.AmberStrictMaximum;
        }

        if (f.Tlp > a.MaxTlp)
        {
            return PolicyRules.MaxTlp;
        }

        // One sector in common is enough: the incident concerns the grantee's sectors. Naming none, it concerns any.
        detail = f.SectorMask;
        if (f.SectorMask != 0 && (f.SectorMask & a.IncidentSectorMask) == 0)
        {
            return PolicyRules.IncidentSectors;
        }

        detail = (long)f.Severity;
        return f.Severity < a.IncidentMinSeverity ? PolicyRules.IncidentMinSeverity : null;
    }

    public static IncidentRedactions Redactions(CompiledAgreement a) => a.IncidentRedactions;

    /// <summary>The rule for another nation's incident or support record.</summary>
    public static string Relayed(RecordKind kind, out long detail)
    {
        detail = (long)kind;
        return PolicyRules.RecordRelayed;
    }
}

/// <summary>The kinds of record a reason names.</summary>
internal enum RecordKind
{
    Incident = 1,
    SupportRequest = 2,
    SupportOffer = 3,
}
