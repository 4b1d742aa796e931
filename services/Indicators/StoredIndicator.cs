using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>A stored version and its place in the change feed.</summary>
/// <param name="Indicator">The version as signed by its origin.</param>
/// <param name="Sequence">Its change-feed sequence number.</param>
public sealed record StoredIndicator(Indicator Indicator, ulong Sequence);
