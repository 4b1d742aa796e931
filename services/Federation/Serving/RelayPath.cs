using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>The relays a version of the feed went through after its origin, as Indicators stored it with the version.</summary>
internal static class RelayPath
{
    /// <summary>
    /// ChangeEvent.relay_path. Until Indicators carries it (branch fedsupport), every foreign version reads as received
    /// from its origin: the engine's hop limit then counts this node's relay only.
    /// </summary>
    public static IReadOnlyList<RelayHop> Of(ChangeEvent change) => [];
}
