using System.Collections.Immutable;
using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>
/// Which of this node's incidents (with their updates and guidance) an agreement lets reach its grantee. Deny by
/// default: nothing unless <see cref="Share"/> is set. The incident's TLP is bounded by the agreement's
/// <see cref="AgreementRules.MaxTlp"/> under the fixed TLP rules of indicators.
/// </summary>
public sealed record IncidentRules
{
    /// <summary>No incident shared: the rules of an agreement that says nothing about incidents.</summary>
    public static IncidentRules None { get; } = new();

    /// <summary>Whether the grantee receives incidents at all.</summary>
    public bool Share { get; init; }

    /// <summary>
    /// An incident passes when at least one sector it names is in the set (it concerns the grantee's sectors), or it
    /// names none. Empty: every sector.
    /// </summary>
    public ImmutableSortedSet<Sector> Sectors { get; init; } = [];

    /// <summary>The lowest severity shared (unspecified: any; the validators require one when <see cref="Share"/> is set).</summary>
    public Severity MinSeverity { get; init; } = Severity.Unspecified;

    /// <summary>Leave the incident's affected services out of every copy (a salted digest keeps it verifiable, Decision 1).</summary>
    public bool RedactAffectedServices { get; init; }

    /// <summary>Equal when every rule is, the sectors compared as sets.</summary>
    public bool Equals(IncidentRules? other) =>
        other is not null && Share == other.Share && Sectors.SetEquals(other.Sectors) && MinSeverity == other.MinSeverity
        && RedactAffectedServices == other.RedactAffectedServices;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Share, Sectors.Count, MinSeverity, RedactAffectedServices);
}
