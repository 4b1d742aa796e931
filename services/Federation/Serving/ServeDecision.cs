using CyberPledge.Signing;

namespace CyberPledge.Federation.Serving;

/// <summary>What the feed does with one version for one subscriber.</summary>
internal enum ServeOutcome
{
    /// <summary>Sent now, redacted as <see cref="ServeDecision.Redactions"/> says.</summary>
    Send,

    /// <summary>Allowed under an embargo: held until <see cref="ServeDecision.ReleaseAt"/>.</summary>
    Hold,

    /// <summary>Not for this subscriber: nothing is sent, the cursor moves on.</summary>
    Withhold,

    /// <summary>
    /// Withheld from a subscriber that holds an earlier version from this node, or gone from this node: a signed
    /// withdrawal of its copy goes instead (SECURITY.md rule 6).
    /// </summary>
    Withdraw,
}

/// <summary>
/// One decision of the feed, with what the share audit records (the rule, the reason, the agreement version).
/// <see cref="ReleaseAt"/> is the embargo's release under the allowing agreement (null without an embargo): in the
/// future for a <see cref="ServeOutcome.Hold"/>, passed for a <see cref="ServeOutcome.Send"/> (TAXII dates such a
/// version's objects from it: docs/taxii.md "Paging").
/// </summary>
internal readonly record struct ServeDecision(
    ServeOutcome Outcome,
    string Rule,
    string Reason,
    string AgreementId,
    ulong AgreementVersion,
    RedactableFields Redactions,
    DateTimeOffset? ReleaseAt);
