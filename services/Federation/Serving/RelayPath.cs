using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>The relays a version of the feed went through after its origin, as Indicators stored it with the version.</summary>
internal static class RelayPath
{
    /// <summary>
    /// ChangeEvent.relay_path: the path the version came through, the sender last, as this node applied it (empty for
    /// this node's own versions and those received from their origin).
    /// </summary>
    public static IReadOnlyList<RelayHop> Of(ChangeEvent change) => change.RelayPath;
}
