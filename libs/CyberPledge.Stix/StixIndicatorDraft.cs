using CyberPledge.V1;

namespace CyberPledge.Stix;

/// <summary>
/// A STIX indicator read back as something the node can submit: <see cref="Submission"/> carries the type, the value
/// as the pattern wrote it (the Indicators service validates and normalizes it like any Submit), the TLP, validity,
/// confidence, labels as tags, kill-chain phases and description. <see cref="StixId"/> and <see cref="Modified"/>
/// make a re-import idempotent (keyed by source and STIX id; a newer modified is a new version).
/// </summary>
/// <param name="StixId">The object's <c>id</c>.</param>
/// <param name="Created">The object's <c>created</c>.</param>
/// <param name="Modified">The object's <c>modified</c>: which version of the STIX object this is.</param>
/// <param name="Revoked">The object's <c>revoked</c>: the source withdrew it.</param>
/// <param name="CreatedByRef">The object's <c>created_by_ref</c>, when it has one (source information, not trusted).</param>
/// <param name="Submission">The indicator as a submission, without id (the node assigns it) or distribution.</param>
public sealed record StixIndicatorDraft(
    string StixId, DateTimeOffset Created, DateTimeOffset Modified, bool Revoked, string? CreatedByRef, IndicatorSubmission Submission);
