using System.Collections.Immutable;
using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>
/// What an agreement lets pass to its grantee. Deny by default: an empty <see cref="IndicatorTypes"/> or
/// <see cref="Sectors"/> set allows nothing, and a value left at its default is the most restrictive one, except
/// the minimums (0 and unspecified: no minimum) and the embargo (none). The fixed TLP 2.0 rules
/// (<see cref="PolicyRules"/>) hold whatever an agreement says.
/// </summary>
public sealed record AgreementRules
{
    /// <summary>The highest TLP shared (TLP 2.0 order: CLEAR &lt; GREEN &lt; AMBER &lt; AMBER+STRICT). RED is never shared.</summary>
    public Tlp MaxTlp { get; init; } = Tlp.Unspecified;

    /// <summary>Indicator types shared. Empty: none.</summary>
    public ImmutableSortedSet<IndicatorType> IndicatorTypes { get; init; } = [];

    /// <summary>
    /// Sectors shared. Empty: none. A version passes when every sector it names is in the set; a version that names no
    /// sector concerns none in particular and passes any agreement whose set is not empty.
    /// </summary>
    public ImmutableSortedSet<Sector> Sectors { get; init; } = [];

    /// <summary>The lowest confidence shared (0-100; 0: any).</summary>
    public uint MinConfidence { get; init; }

    /// <summary>The lowest severity shared (unspecified: any, including versions without a severity).</summary>
    public Severity MinSeverity { get; init; } = Severity.Unspecified;

    /// <summary>Each version is released this long after it was made at its origin (its modified time, else its created time).</summary>
    public TimeSpan Embargo { get; init; } = TimeSpan.Zero;

    /// <summary>Fields left out of every copy shared.</summary>
    public FieldRedactions Redactions { get; init; } = FieldRedactions.None;

    /// <summary>
    /// Re-sharing along this agreement: this node relays other nations' versions to the grantee only when it is set
    /// (and the origin's distribution allows it), and the grantee may pass on what it receives.
    /// </summary>
    public bool MayReshare { get; init; }

    /// <summary>
    /// The most relays past the origin (DESIGN.md Decision 6) a relayed version may have made, this node's relay
    /// included, when it reaches the grantee under this agreement: 0 without re-sharing, otherwise 1-16. The origin's
    /// own hop limit applies too.
    /// </summary>
    public uint HopLimit { get; init; }

    /// <summary>
    /// Whether the grantee may be given imported data no analyst promoted (SECURITY.md rule 2): a version made from an
    /// imported STIX object (<c>imported</c> set, not promoted) is withheld under an agreement without it. False by default.
    /// </summary>
    public bool ShareImported { get; init; }

    /// <summary>Which of this node's incidents the grantee receives (none by default).</summary>
    public IncidentRules Incidents { get; init; } = IncidentRules.None;

    /// <summary>Support requests and offers with the grantee (neither by default).</summary>
    public SupportRules Support { get; init; } = SupportRules.None;

    /// <summary>Sightings sent to the grantee (none by default).</summary>
    public SightingRules Sightings { get; init; } = SightingRules.None;

    /// <summary>Rules are equal when every rule is, the sets compared by their members.</summary>
    public bool Equals(AgreementRules? other) =>
        other is not null
        && MaxTlp == other.MaxTlp
        && IndicatorTypes.SetEquals(other.IndicatorTypes)
        && Sectors.SetEquals(other.Sectors)
        && MinConfidence == other.MinConfidence
        && MinSeverity == other.MinSeverity
        && Embargo == other.Embargo
        && Redactions == other.Redactions
        && MayReshare == other.MayReshare
        && HopLimit == other.HopLimit
        && ShareImported == other.ShareImported
        && Incidents.Equals(other.Incidents)
        && Support == other.Support
        && Sightings == other.Sightings;

    /// <inheritdoc/>
    public override int GetHashCode() =>
        HashCode.Combine(MaxTlp, IndicatorTypes.Count, Sectors.Count, MinConfidence, MinSeverity, Embargo, Redactions, HashCode.Combine(MayReshare, HopLimit, ShareImported, Incidents, Support, Sightings));
}
