using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.ServiceDefaults;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Received withdrawals (SECURITY.md rule 6): one is acted on only when it is signed by the link's peer with the key
/// this node's registry pins for that nation, and names this node as its grantee. It then removes only the copy this
/// link provided (Indicators' WithdrawForeignCopy with the link's nation), so a relay cannot delete another nation's data.
/// </summary>
internal sealed class LinkWithdrawals(PeerDirectory registry, NodeSelf self, NodeServices services)
{
    /// <summary>Why <paramref name="withdrawal"/>, received on the link with <paramref name="linkNation"/>, is refused; null when it is sound.</summary>
    public RejectionReason? Check(Withdrawal withdrawal, string linkNation)
    {
        if (withdrawal.Origin is null || withdrawal.IndicatorId.Length == 0 || withdrawal.Sender is null)
        {
            return RejectionReason.Invalid;
        }

        if (!NationCodes.TryNormalize(withdrawal.Sender.Nation, out var sender) || sender != linkNation)
        {
            return RejectionReason.NotFromPeer;
        }

        if (!NationCodes.TryNormalize(withdrawal.Grantee, out var grantee) || grantee != self.Nation)
        {
            return RejectionReason.Invalid;
        }

        if (registry.SigningKey(linkNation, withdrawal.KeyId.Span) is not { } key)
        {
            return RejectionReason.UnknownOrigin;
        }

        return WithdrawalSignature.Verify(withdrawal, key).IsValid ? null : RejectionReason.BadSignature;
    }

    /// <summary>Removes the copy the link with <paramref name="linkNation"/> provided. Throws when Indicators cannot be reached (the link reconnects).</summary>
    public async Task<WithdrawOutcome> WithdrawAsync(Withdrawal withdrawal, string linkNation, CancellationToken cancellationToken)
    {
        var request = new WithdrawForeignCopyRequest { Origin = withdrawal.Origin, IndicatorId = withdrawal.IndicatorId, Provider = linkNation };
        var response = await services.Indicators.WithdrawForeignCopyAsync(request, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        return response.Outcome;
    }

    /// <summary>Whether <paramref name="version"/> is a version of the indicator <paramref name="withdrawal"/> names.</summary>
    public static bool SameIndicator(Withdrawal withdrawal, Indicator version) =>
        version.Id == withdrawal.IndicatorId && version.Origin?.NodeId == withdrawal.Origin?.NodeId
        && NationCodes.TryNormalize(version.Origin?.Nation, out var a) && NationCodes.TryNormalize(withdrawal.Origin?.Nation, out var b) && a == b;
}
