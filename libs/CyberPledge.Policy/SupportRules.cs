namespace CyberPledge.Policy;

/// <summary>
/// Support requests and offers (the Virtual Cyber Incident Support Capability) between this node and an agreement's
/// grantee. Deny by default: neither.
/// </summary>
/// <param name="MayRequest">
/// The grantee may address support requests to this node (this node accepts them), and this node sends the grantee
/// its own requests addressed to it or to all.
/// </param>
/// <param name="MayOffer">
/// This node sends the grantee its offers on the grantee's requests, and accepts the grantee's offers on its own
/// requests. An offer only ever goes to the nation that made the request.
/// </param>
public readonly record struct SupportRules(bool MayRequest, bool MayOffer)
{
    /// <summary>Neither requests nor offers.</summary>
    public static SupportRules None => default;

    /// <summary>Both ways.</summary>
    public static SupportRules Both => new(MayRequest: true, MayOffer: true);
}
