using CyberPledge.Indicators.Validation;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>
/// Withdrawals (SECURITY.md rule 6): a foreign indicator is kept while some link provides it. Applying a version records
/// the link it came through as a provider; a link's verified withdrawal removes that provider only, and the indicator
/// leaves this node (a removal in the change feed) when none is left, so a relay cannot delete another nation's data.
/// </summary>
public sealed partial class IndicatorLedger
{
    /// <summary>
    /// Signs a withdrawal in this node's name for Federation: the sender is this node, whatever the caller says, and the
    /// key signs only this encoding (its own domain), so the caller cannot make it sign anything else.
    /// </summary>
    public Withdrawal SignWithdrawal(SignWithdrawalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!NationCodes.TryNormalize(request.Grantee, out var grantee))
        {
            throw FieldError.Invalid("grantee", "an ISO 3166-1 alpha-2 or alpha-3 code").ToException();
        }

        if (OriginRules.Check(request.Origin, "origin") is { } originError)
        {
            throw originError.ToException();
        }

        if (request.Version == 0)
        {
            throw FieldError.Invalid("version", "versions start at 1").ToException();
        }

        var withdrawal = new Withdrawal
        {
            Origin = request.Origin.Clone(),
            IndicatorId = RequireId(request.IndicatorId),
            Version = request.Version,
            Sender = Self.Clone(),
            Grantee = grantee,
        };
        _signingKey.SignWithdrawal(withdrawal);
        return withdrawal;
    }

    /// <summary>
    /// Removes <c>provider</c> from the links that provide a foreign indicator; when it was the last, the indicator leaves
    /// this node. Not held, this node's own, another origin's id, or not provided by that link: nothing changes.
    /// </summary>
    public async Task<WithdrawForeignCopyResponse> WithdrawForeignCopyAsync(WithdrawForeignCopyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (OriginRules.Check(request.Origin, "origin") is { } originError)
        {
            throw originError.ToException();
        }

        if (!NationCodes.TryNormalize(request.Provider, out var provider))
        {
            throw FieldError.Invalid("provider", "an ISO 3166-1 alpha-2 or alpha-3 code").ToException();
        }

        var id = RequireId(request.IndicatorId);
        return await _store.WriteAsync(transaction => Withdraw(transaction, request.Origin, id, provider), cancellationToken).ConfigureAwait(false);
    }

    private WithdrawForeignCopyResponse Withdraw(IIndicatorWriteTransaction transaction, Origin origin, string id, string provider)
    {
        var stored = transaction.FindById(id);
        if (stored is null || OriginRules.SameOrigin(stored.Indicator.Origin, Self) || stored.Indicator.Origin.NodeId != origin.NodeId
            || Alpha3(stored.Indicator.Origin.Nation) != Alpha3(origin.Nation))
        {
            return new WithdrawForeignCopyResponse { Outcome = WithdrawOutcome.Unchanged };
        }

        // Indicators applied before providers were recorded have none: the link their latest version came through provides them.
        var providers = transaction.FindProviders(id);
        if (providers.Count == 0)
        {
            providers = [ProviderOf(stored.Indicator, stored.RelayPath)];
        }

        if (!providers.Contains(provider, StringComparer.Ordinal))
        {
            return new WithdrawForeignCopyResponse { Outcome = WithdrawOutcome.Unchanged };
        }

        if (providers.Count > 1)
        {
            transaction.RemoveProvider(id, provider);
            return new WithdrawForeignCopyResponse { Outcome = WithdrawOutcome.ProviderRemoved };
        }

        if (stored.Indicator.Warning is not null)
        {
            // The flag goes with the indicator: a copy that comes back later is checked anew, not shown the old flag.
            transaction.ClearWarning(id);
            var last = stored.Indicator.Clone();
            last.Warning = null;
            stored = stored with { Indicator = last };
        }

        return new WithdrawForeignCopyResponse { Outcome = WithdrawOutcome.Removed, Sequence = transaction.Remove(stored) };
    }

    /// <summary>The link a foreign version came through: the last hop of its relay path, or its origin when it came directly (alpha-3).</summary>
    private static string ProviderOf(Indicator version, IReadOnlyList<RelayHop> path)
    {
        return Alpha3(path.Count > 0 ? path[^1].Nation : version.Origin.Nation);
    }

    private static string Alpha3(string nation) => NationCodes.TryNormalize(nation, out var alpha3) ? alpha3 : nation;
}
