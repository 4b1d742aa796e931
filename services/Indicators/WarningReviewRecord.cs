using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>One analyst's review of a warning flag (ReviewWarning), kept for the audit.</summary>
/// <param name="IndicatorId">The flagged indicator.</param>
/// <param name="Version">The flag's version, the one reviewed.</param>
/// <param name="State">The state the analyst set.</param>
/// <param name="Reviewer">Who: "alice (analyst)".</param>
/// <param name="Note">Why, in the analyst's words.</param>
/// <param name="At">When.</param>
public sealed record WarningReviewRecord(string IndicatorId, ulong Version, WarningState State, string Reviewer, string Note, DateTimeOffset At);
