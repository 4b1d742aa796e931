using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>One agreement version's rules as masks and ticks: the predicate the engine runs per decision.</summary>
internal sealed class CompiledAgreement
{
    private const FieldRedactions SignedDirectlyUnderV1 = FieldRedactions.Description | FieldRedactions.Tags | FieldRedactions.KillChainPhases;

    public CompiledAgreement(SharingAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(agreement.Rules);
        Source = agreement;
        var rules = agreement.Rules;
        ValidFromTicks = agreement.ValidFrom.UtcTicks;
        ValidUntilTicks = agreement.ValidUntil?.UtcTicks ?? long.MaxValue;
        MaxTlp = rules.MaxTlp;
        foreach (var type in rules.IndicatorTypes)
        {
            // Unspecified and unknown values never reach a mask: they allow nothing.
            TypeMask |= type is > IndicatorType.Unspecified ? VersionFacts.Bit((int)type) & ~(1u << VersionFacts.UnknownBit) : 0;
        }

        foreach (var sector in rules.Sectors)
        {
            SectorMask |= sector is > Sector.Unspecified ? VersionFacts.Bit((int)sector) & ~(1u << VersionFacts.UnknownBit) : 0;
        }

        MinConfidence = rules.MinConfidence;
        MinSeverity = rules.MinSeverity;
        EmbargoTicks = rules.Embargo > TimeSpan.Zero ? rules.Embargo.Ticks : 0;
        var redactions = rules.Redactions & FieldRedactions.All;
        RedactionsV2 = redactions;
        // Under v1 one digest commits both sensitive fields: a copy keeps both or neither.
        Redactions = (redactions & FieldRedactions.Sensitive) != 0 ? redactions | FieldRedactions.Sensitive : redactions;
        SignedRedactions = Redactions & SignedDirectlyUnderV1;
        MayReshare = rules.MayReshare;
        HopLimit = rules.HopLimit;
        ShareImported = rules.ShareImported;
        var incidents = rules.Incidents ?? IncidentRules.None;
        IncidentShare = incidents.Share;
        // Empty: every sector. A set of unknown values alone compiles to no sector, never to every one.
        IncidentSectorMask = incidents.Sectors.IsEmpty ? uint.MaxValue : 0;
        foreach (var sector in incidents.Sectors)
        {
            IncidentSectorMask |= sector is > Sector.Unspecified ? VersionFacts.Bit((int)sector) & ~(1u << VersionFacts.UnknownBit) : 0;
        }

        IncidentMinSeverity = incidents.MinSeverity;
        IncidentRedactions = incidents.RedactAffectedServices ? IncidentRedactions.AffectedServices : IncidentRedactions.None;
        MayRequestSupport = rules.Support.MayRequest;
        MayOfferSupport = rules.Support.MayOffer;
        SightingShare = rules.Sightings.Share;
        SightingHopLimit = rules.Sightings.HopLimit;
    }

    public SharingAgreement Source { get; }

    public long ValidFromTicks { get; }

    public long ValidUntilTicks { get; }

    public Tlp MaxTlp { get; }

    public uint TypeMask { get; }

    public uint SectorMask { get; }

    public uint MinConfidence { get; }

    public Severity MinSeverity { get; }

    public long EmbargoTicks { get; }

    /// <summary>The redactions of a canonical encoding v1 copy: either sensitive field takes both.</summary>
    public FieldRedactions Redactions { get; }

    /// <summary>The redactions of a canonical encoding v2 copy: exactly the agreement's, each field committed on its own.</summary>
    public FieldRedactions RedactionsV2 { get; }

    /// <summary>The redactions a v1 copy cannot carry and still verify.</summary>
    public FieldRedactions SignedRedactions { get; }

    public bool MayReshare { get; }

    public uint HopLimit { get; }

    public bool ShareImported { get; }

    public bool IncidentShare { get; }

    /// <summary>The incident sectors as a mask; every bit set when the agreement names none (every sector).</summary>
    public uint IncidentSectorMask { get; }

    public Severity IncidentMinSeverity { get; }

    public IncidentRedactions IncidentRedactions { get; }

    public bool MayRequestSupport { get; }

    public bool MayOfferSupport { get; }

    public bool SightingShare { get; }

    public uint SightingHopLimit { get; }

    public bool InWindow(long nowTicks) => nowTicks >= ValidFromTicks && nowTicks < ValidUntilTicks;
}
