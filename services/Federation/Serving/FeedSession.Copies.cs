using CyberPledge.Federation.Storage;
using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>The copies the grantee holds from this node, and the withdrawals of them (SECURITY.md rule 6).</summary>
internal sealed partial class FeedSession
{
    private async Task<Dictionary<CopyKey, SentCopy>> LoadCopiesAsync(IEnumerable<CopyKey> keys)
    {
        var found = await server.Store.GetCopiesAsync(Grantee, keys.ToHashSet(), cancellationToken).ConfigureAwait(false);
        return new Dictionary<CopyKey, SentCopy>(found);
    }

    private Task SaveCopyAsync(CopyKey key, SentCopy copy) =>
        server.Store.SaveCopiesAsync(Grantee, [new KeyValuePair<CopyKey, SentCopy>(key, copy)], cancellationToken);

    /// <summary>Notes a change of a copy both in the turn's view (a later event of the same indicator sees it) and among the updates to store.</summary>
    private static void Note(Dictionary<CopyKey, SentCopy> copies, Dictionary<CopyKey, SentCopy> updates, CopyKey key, SentCopy change)
    {
        copies[key] = copies.GetValueOrDefault(key).Merge(change);
        updates[key] = updates.GetValueOrDefault(key).Merge(change);
    }

    /// <summary>
    /// A withdrawal of <paramref name="version"/>'s indicator for the grantee, signed by this node: Indicators holds the
    /// node's key and signs it (service:federation, SignWithdrawal); Federation never holds the private key.
    /// </summary>
    private async Task<FeedRecord> WithdrawalAsync(Indicator version)
    {
        var request = new SignWithdrawalRequest { Grantee = Grantee, Origin = version.Origin, IndicatorId = version.Id, Version = version.Version };
        var signed = await server.Services.Indicators.SignWithdrawalAsync(request, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        return new FeedRecord { Withdrawal = signed };
    }
}
