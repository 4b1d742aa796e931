namespace CyberPledge.Policy;

/// <summary>
/// How a version would reach the grantee. The origin and its distribution (may re-share, hop limit) are read from
/// the version itself, where the origin signed them; the context adds what travels outside the signature.
/// </summary>
/// <param name="Relayed">The version is another node's (received from a peer), not this node's own.</param>
/// <param name="RelayPathLength">
/// For a relayed version, the relays it went through before reaching this node (the stream record's path, DESIGN.md
/// Decision 6): sending it on makes it <c>RelayPathLength + 1</c> relays past its origin.
/// </param>
/// <param name="GranteeReceivedEarlierVersion">
/// The grantee received an earlier version of this indicator from this node, so a revocation reaches it whatever
/// the agreement now says.
/// </param>
public readonly record struct DeliveryContext(bool Relayed, int RelayPathLength, bool GranteeReceivedEarlierVersion)
{
    /// <summary>This node's own version, never sent to the grantee before.</summary>
    public static DeliveryContext Own => default;

    /// <summary>Another node's version that went through <paramref name="relayPathLength"/> relays before this node.</summary>
    public static DeliveryContext Relay(int relayPathLength, bool granteeReceivedEarlierVersion = false) =>
        new(Relayed: true, relayPathLength, granteeReceivedEarlierVersion);
}
