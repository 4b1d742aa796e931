using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>A stored version and its place in the change feed.</summary>
/// <param name="Indicator">
/// The version as signed by its origin; its <c>quarantine</c> field (this node's own mark, unsigned) is set when the
/// indicator is quarantined.
/// </param>
/// <param name="Sequence">Its change-feed sequence number.</param>
public sealed record StoredIndicator(Indicator Indicator, ulong Sequence)
{
    /// <summary>A foreign version's relays after its origin, the sender last, as it was applied; empty otherwise.</summary>
    public IReadOnlyList<RelayHop> RelayPath { get; init; } = [];

    /// <summary>When this node stored the version (microseconds), strictly increasing with <see cref="Sequence"/>: TAXII's date_added.</summary>
    public DateTimeOffset StoredAt { get; init; }

    /// <summary>
    /// A removal in the change feed (<see cref="IIndicatorWriteTransaction.Remove"/>): the indicator left this node, and
    /// <see cref="Indicator"/> is the last version it stored (no longer stored).
    /// </summary>
    public bool Removed { get; init; }

    /// <summary>
    /// Read from the change feed only: the sequence of the indicator's latest version when the row was read (equal to
    /// <see cref="Sequence"/> when this is the latest); 0 when the indicator is no longer stored or on other reads.
    /// </summary>
    public ulong LatestSequence { get; init; }
}
