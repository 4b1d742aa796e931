using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>
/// One version of an agreement between this node (the grantor) and one grantee nation: the policy engine's view of
/// <c>cyberpledge.v1.SharingAgreement</c>. Only an <see cref="AgreementStatus.Active"/> agreement inside its validity
/// window passes anything (a draft too, but only through <see cref="PolicyEngine.Evaluate"/>, for Preview).
/// </summary>
public sealed record SharingAgreement
{
    /// <summary>Chosen by the administrator, e.g. "JPN-2026-01": letters, digits and hyphens.</summary>
    public required string Id { get; init; }

    /// <summary>1 for the first version, +1 for each change (lifecycle transitions included).</summary>
    public required ulong Version { get; init; }

    /// <summary>The grantee nation, ISO 3166-1 alpha-3 (DESIGN.md Decision 8).</summary>
    public required string Grantee { get; init; }

    /// <summary>Ally or partner.</summary>
    public required Tier Tier { get; init; }

    /// <summary>Draft, active, suspended, revoked or expired.</summary>
    public required AgreementStatus Status { get; init; }

    /// <summary>The first instant the agreement is in force.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>The first instant it is no longer in force; null: no end.</summary>
    public DateTimeOffset? ValidUntil { get; init; }

    /// <summary>What it lets pass.</summary>
    public required AgreementRules Rules { get; init; }

    /// <summary>"JPN-2026-01 v3": how reasons name this version.</summary>
    public override string ToString() => $"{Id} v{Version}";
}
