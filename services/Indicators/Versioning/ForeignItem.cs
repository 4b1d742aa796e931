using CyberPledge.Indicators.WarningLists;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Versioning;

/// <summary>A foreign version checked and verified outside the writer, ready to apply.</summary>
/// <param name="Version">The version, as its origin signed it (this node's quarantine mark cleared).</param>
/// <param name="Received">Its relay path and leaf digest.</param>
/// <param name="Field">What its errors are prefixed with: "" for one call, "items[i]." in a batch.</param>
/// <param name="ReceivedAt">When the call came.</param>
internal sealed record ForeignItem(Indicator Version, ReceivedCopy Received, string Field, DateTimeOffset ReceivedAt)
{
    /// <summary>What the inbound rules and warning lists found (SECURITY.md rule 4).</summary>
    public ScreeningResult Screening { get; init; } = new(null, []);

    public QuarantinedVersion Evidence(QuarantineReason reason) => new(Version, reason, Received.LeafDigest, Received.RelayPath, ReceivedAt);
}
