using CyberPledge.Federation.Storage;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// The decisions the feed makes about copies a grantee holds (SECURITY.md rule 6), besides the policy's: the share
/// audit records them with these rules, as it does the policy's.
/// </summary>
internal static class WithdrawalRules
{
    /// <summary>The indicator left this node (no link provides it any more): a holder's copy is withdrawn.</summary>
    public const string Removed = "withdrawal.removed";

    /// <summary>An embargoed version released after a later version was withdrawn from the grantee: it would bring back what was withdrawn.</summary>
    public const string Superseded = "withdrawal.superseded";

    public static ServeDecision Removal(bool held) =>
        new(held ? ServeOutcome.Withdraw : ServeOutcome.Withhold, Removed, "the indicator left this node (no link provides it any more)",
            "", 0, RedactableFields.None, null);

    public static ServeDecision SupersededHold(string grantee) =>
        new(ServeOutcome.Withhold, Superseded, $"withheld: a later version of this indicator was withdrawn from {grantee}", "", 0, RedactableFields.None, null);

    /// <summary>A decision to withhold from a grantee that holds an earlier version becomes a withdrawal, with the same rule and reason.</summary>
    public static ServeDecision WithdrawIfHeld(ServeDecision decision, bool held) =>
        held && decision.Outcome == ServeOutcome.Withhold ? decision with { Outcome = ServeOutcome.Withdraw } : decision;

    /// <summary>How the copies are keyed: the origin and id as signed.</summary>
    public static CopyKey KeyOf(Indicator version) => new(version.Origin?.Nation ?? "", version.Origin?.NodeId ?? "", version.Id);
}
