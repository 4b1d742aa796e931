using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>
    /// Stores a version another node originated, as Federation received it: well-formed,
    /// signed by the given origin key, never one of this node's own indicators, and newer than
    /// what is stored (an older or equal version is ignored, so applying twice changes nothing).
    /// </summary>
    public async Task<ApplyForeignVersionResponse> ApplyForeignVersionAsync(ApplyForeignVersionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var indicator = request.Indicator ?? throw FieldError.Invalid("indicator", "required").ToException();
        if (ForeignVersionValidator.Check(indicator) is { } error)
        {
            throw error.ToException();
        }

        if (OriginRules.SameOrigin(indicator.Origin, Self))
        {
            throw new FieldError(IndicatorErrorKind.PermissionDenied, "indicator.origin", "versions of this node's own indicators are created by Submit only").ToException();
        }

        if (request.OriginPublicKey.IsEmpty)
        {
            throw FieldError.Invalid("origin_public_key", "required").ToException();
        }

        var check = _verifier.Verify(indicator, request.OriginPublicKey.Span);
        if (!check.IsValid)
        {
            throw FieldError.Nested("indicator", check.Reason ?? "signature: does not verify").ToException();
        }

        return await _store.WriteAsync(transaction => Apply(indicator, transaction), cancellationToken).ConfigureAwait(false);
    }

    private static ApplyForeignVersionResponse Apply(Indicator indicator, IIndicatorWriteTransaction transaction)
    {
        var stored = transaction.FindById(indicator.Id);
        if (stored is not null && !OriginRules.SameOrigin(stored.Indicator.Origin, indicator.Origin))
        {
            throw NotOurs(indicator.Id, stored.Indicator.Origin).ToException();
        }

        if (stored is not null && stored.Indicator.Version >= indicator.Version)
        {
            return new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Ignored, Sequence = stored.Sequence, StoredVersion = stored.Indicator.Version };
        }

        var sequence = transaction.Append(indicator);
        return new ApplyForeignVersionResponse { Outcome = ApplyOutcome.Applied, Sequence = sequence, StoredVersion = indicator.Version };
    }
}
