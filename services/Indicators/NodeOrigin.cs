namespace CyberPledge.Indicators;

/// <summary>A node's origin: its nation and its node id within that nation, as pinned to its store.</summary>
/// <param name="Nation">The nation code.</param>
/// <param name="NodeId">The node id.</param>
public sealed record NodeOrigin(string Nation, string NodeId);
