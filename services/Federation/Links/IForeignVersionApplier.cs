using CyberPledge.V1;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Applies checked foreign versions through the node's Indicators service, in order (ApplyForeignVersions, with the
/// relay path). Behind an interface so the links can be tested without Indicators.
/// </summary>
internal interface IForeignVersionApplier
{
    /// <summary>One result per version, in order. Throws when Indicators cannot be reached (the link then reconnects).</summary>
    Task<IReadOnlyList<ForeignApplyResult>> ApplyAsync(IReadOnlyList<ForeignVersion> versions, CancellationToken cancellationToken);
}

/// <summary>A received version that passed the link's checks, with the key it verified against.</summary>
/// <param name="Indicator">As received.</param>
/// <param name="Path">The relays it came through after its origin.</param>
/// <param name="OriginPublicKey">The origin's key pinned in this node's registry (never the sender's word).</param>
/// <param name="OriginNation">The origin nation as the registry names it (alpha-3), whose key verified the version.</param>
internal sealed record ForeignVersion(Indicator Indicator, IReadOnlyList<RelayHop> Path, byte[] OriginPublicKey, string OriginNation);

internal enum ForeignApplyOutcome
{
    Applied,

    /// <summary>An equal or newer version is stored: a duplicate or a loop.</summary>
    Ignored,

    /// <summary>Indicators refused it (not a valid version); counted as a rejection.</summary>
    Refused,

    /// <summary>
    /// Another copy of this (origin, id, version) with a different leaf digest is stored (SECURITY.md rule 8): kept as
    /// evidence, the indicator quarantined. A rejection and a security event.
    /// </summary>
    Equivocation,

    /// <summary>The version jumped too far above the stored one: kept as evidence, not applied, the indicator quarantined. A rejection and a security event.</summary>
    Quarantined,
}

/// <summary>What became of one version.</summary>
internal readonly record struct ForeignApplyResult(ForeignApplyOutcome Outcome, string? Reason = null);
