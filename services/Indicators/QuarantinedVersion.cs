using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>
/// A received version kept as evidence and not applied (SECURITY.md rule 8): the copy that equivocated with the stored
/// one of the same (origin, id, version), or a version that jumped too far. Keeping it quarantines its indicator.
/// </summary>
/// <param name="Version">The version as received (signed by its origin).</param>
/// <param name="Reason">Why it was quarantined.</param>
/// <param name="LeafDigest">Its leaf digest.</param>
/// <param name="RelayPath">The relays it came through, the sender last.</param>
/// <param name="ReceivedAt">When this node received it.</param>
public sealed record QuarantinedVersion(Indicator Version, QuarantineReason Reason, byte[] LeafDigest, IReadOnlyList<RelayHop> RelayPath, DateTimeOffset ReceivedAt);
