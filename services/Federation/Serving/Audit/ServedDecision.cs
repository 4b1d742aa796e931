namespace CyberPledge.Federation.Serving.Audit;

/// <summary>
/// One decision of the feed for one grantee, as the share audit records it (docs/federation.md "Share audit"): which
/// version, sent, held under an embargo or withheld, by which rule and agreement version, and why.
/// </summary>
internal sealed record ServedDecision(
    DateTimeOffset DecidedAt,
    string Grantee,
    string OriginNation,
    string OriginNodeId,
    string IndicatorId,
    ulong Version,
    ServeOutcome Outcome,
    string Rule,
    string Reason,
    string AgreementId,
    ulong AgreementVersion);
