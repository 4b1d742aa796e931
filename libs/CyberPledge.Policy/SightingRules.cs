namespace CyberPledge.Policy;

/// <summary>
/// Sightings this node sends an agreement's grantee: only of indicators the grantee originated or relayed to this
/// node, so that a sighting travels back toward the indicator's origin along the links it came by (DESIGN.md
/// Decision 13). Deny by default: none.
/// </summary>
/// <param name="Share">Whether the grantee receives sightings at all.</param>
/// <param name="HopLimit">
/// The most relays past the node that made the sighting a sighting may have made when it reaches the grantee, this
/// node's relay included (0: only this node's own sightings; 0-16).
/// </param>
public readonly record struct SightingRules(bool Share, uint HopLimit)
{
    /// <summary>The hop limit of an agreement that names none (Decision 13).</summary>
    public const uint DefaultHopLimit = 2;

    /// <summary>No sighting sent.</summary>
    public static SightingRules None => new(Share: false, DefaultHopLimit);

    /// <summary>Sightings sent, relayed up to <see cref="DefaultHopLimit"/> relays.</summary>
    public static SightingRules Shared => new(Share: true, DefaultHopLimit);
}
