using CyberPledge.V1;

namespace CyberPledge.Federation.Links;

internal sealed partial class LinkWorker
{
    /// <summary>
    /// Acts on a batch's withdrawals once its versions are applied. A withdrawal followed in the batch by a version of the
    /// same indicator that Indicators took (applied, or ignored as already held) is passed over: in stream order the
    /// link provides the indicator again after it. Returns the rejections (checks failed) and the indicators removed.
    /// </summary>
    /// <param name="withdrawals">Each withdrawal with the number of accepted versions that came before it in the batch.</param>
    /// <param name="accepted">The batch's versions that passed the checks, in order.</param>
    /// <param name="results">What Indicators did with each of them.</param>
    /// <param name="cancellationToken">Ends the link.</param>
    private async Task<(List<(RejectionReason Reason, Withdrawal Withdrawal)> Rejected, int Removed)> WithdrawAsync(
        List<(int Before, Withdrawal Withdrawal)> withdrawals, List<ForeignVersion> accepted, IReadOnlyList<ForeignApplyResult> results, CancellationToken cancellationToken)
    {
        var rejected = new List<(RejectionReason Reason, Withdrawal Withdrawal)>();
        var removed = 0;
        foreach (var (before, withdrawal) in withdrawals)
        {
            if (_services.Withdrawals.Check(withdrawal, Nation) is { } reason)
            {
                rejected.Add((reason, withdrawal));
                continue;
            }

            var providedAgain = false;
            for (var i = before; i < accepted.Count && i < results.Count && !providedAgain; i++)
            {
                providedAgain = results[i].Outcome is ForeignApplyOutcome.Applied or ForeignApplyOutcome.Ignored
                                && LinkWithdrawals.SameIndicator(withdrawal, accepted[i].Indicator);
            }

            if (!providedAgain
                && await _services.Withdrawals.WithdrawAsync(withdrawal, Nation, cancellationToken).ConfigureAwait(false) == WithdrawOutcome.Removed)
            {
                removed++;
            }
        }

        return (rejected, removed);
    }

    private void Reject(RejectionReason reason, Withdrawal withdrawal, DateTimeOffset now, ref BatchCounts counts)
    {
        counts.Rejected++;
        counts.LastRejection = $"withdrawal rejected ({reason}): {withdrawal.Origin?.Nation ?? "?"} {withdrawal.IndicatorId} v{withdrawal.Version}";
        _rejections.Add(reason, now);
    }
}
