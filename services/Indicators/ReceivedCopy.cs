using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>How a foreign version reached this node: stored beside it (DESIGN.md Decision 6, SECURITY.md rule 8).</summary>
/// <param name="RelayPath">The relays it went through after its origin, the sender last; empty when it came from its origin.</param>
/// <param name="LeafDigest">Its leaf digest (<c>IndicatorCanonicalEncoding.LeafDigest</c>), which redaction and relay paths do not change.</param>
public sealed record ReceivedCopy(IReadOnlyList<RelayHop> RelayPath, byte[] LeafDigest);
