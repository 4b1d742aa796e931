using CyberPledge.Federation.Serving.Audit;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Federation.Links.Audit;

/// <summary>
/// The link events Partners records (RecordLinkEvents): Partners refuses a whole call for one invalid event and the
/// audit retries a refused batch, so the text is made acceptable here (bounded, no control characters).
/// </summary>
internal static class LinkEvents
{
    public static LinkEvent Rejections(string nation, RejectionSummary summary) => new()
    {
        Kind = LinkEventKind.Rejections,
        Nation = nation,
        At = Timestamp.FromDateTimeOffset(summary.At),
        WindowStart = Timestamp.FromDateTimeOffset(summary.WindowStart),
        Rejections = { summary.Counts.Select(c => new RejectionCount { Reason = c.Key.ToString(), Count = (ulong)c.Value }) },
    };

    public static LinkEvent Cut(string nation, string reason, DateTimeOffset at) => new()
    {
        Kind = LinkEventKind.Cut,
        Nation = nation,
        At = Timestamp.FromDateTimeOffset(at),
        Reason = ShareDecisions.Text(reason),
    };

    /// <summary>An administrator enabled the link again; <paramref name="actor"/> is them as this service authenticated them ("alice (admin)").</summary>
    public static LinkEvent Enabled(string nation, string actor, DateTimeOffset at) => new()
    {
        Kind = LinkEventKind.Enabled,
        Nation = nation,
        At = Timestamp.FromDateTimeOffset(at),
        Actor = ShareDecisions.Text(actor.Length > 0 ? actor : "unknown"),
    };
}
