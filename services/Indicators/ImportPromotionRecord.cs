namespace CyberPledge.Indicators;

/// <summary>One analyst's promotion of an imported indicator (PromoteImported, SECURITY.md rule 2), kept for the audit.</summary>
/// <param name="IndicatorId">The imported indicator.</param>
/// <param name="Version">The promoting version.</param>
/// <param name="PromotedBy">Who: "alice (analyst)".</param>
/// <param name="Note">Why, in the analyst's words.</param>
/// <param name="At">When.</param>
public sealed record ImportPromotionRecord(string IndicatorId, ulong Version, string PromotedBy, string Note, DateTimeOffset At);
