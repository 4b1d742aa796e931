using System.Globalization;
using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.Versioning;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>The most items one <see cref="ApplyForeignVersionsAsync"/> may carry.</summary>
    public const int MaxApplyBatchSize = 1000;

    /// <summary>
    /// Stores a version another node originated, as Federation received it: well-formed,
    /// signed by the given origin key, never one of this node's own indicators, and newer than
    /// what is stored (an older or equal version is ignored, so applying twice changes nothing).
    /// An equal version with another leaf digest is equivocation, and a version further than
    /// <see cref="IndicatorsOptions.MaxVersionStep"/> above the stored one is quarantined: both are kept
    /// as evidence, not applied, and quarantine the indicator (SECURITY.md rule 8).
    /// </summary>
    public async Task<ApplyForeignVersionResponse> ApplyForeignVersionAsync(ApplyForeignVersionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var item = PrepareForeign(request, "");
        var response = await _store.WriteAsync(transaction => ApplyForeign(item, transaction), cancellationToken).ConfigureAwait(false);
        QuarantineAlerts.Raise(_logger, item, response.Outcome, response.StoredVersion);
        WarningAlerts.Raise(_logger, [item], [response]);
        return response;
    }

    /// <summary>
    /// <see cref="ApplyForeignVersionAsync"/> for a batch, in one durable commit: each item is checked and verified
    /// first (an invalid one fails the call, nothing applied, its error naming <c>items[i]</c>), then all are applied
    /// in order, a later item seeing an earlier one. One outcome per item.
    /// </summary>
    public async Task<ApplyForeignVersionsResponse> ApplyForeignVersionsAsync(ApplyForeignVersionsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Items.Count is 0 or > MaxApplyBatchSize)
        {
            throw FieldError.Invalid("items", string.Create(CultureInfo.InvariantCulture, $"1-{MaxApplyBatchSize} items per request")).ToException();
        }

        var items = request.Items.Select((item, i) => PrepareForeign(item, string.Create(CultureInfo.InvariantCulture, $"items[{i}]."))).ToArray();
        var response = await _store.WriteAsync(transaction =>
        {
            var results = new ApplyForeignVersionsResponse();
            results.Results.Add(items.Select(item => ApplyForeign(item, transaction)));
            return results;
        }, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < items.Length; i++)
        {
            QuarantineAlerts.Raise(_logger, items[i], response.Results[i].Outcome, response.Results[i].StoredVersion);
        }

        WarningAlerts.Raise(_logger, items, response.Results);

        return response;
    }

    /// <summary>Everything that needs no stored data, outside the writer: shape, origin, relay path, signature.</summary>
    private ForeignItem PrepareForeign(ApplyForeignVersionRequest request, string field)
    {
        var indicator = request.Indicator ?? throw FieldError.Invalid(field + "indicator", "required").ToException();
        if (ForeignVersionValidator.Check(indicator) is { } error)
        {
            throw (error with { Field = field + error.Field }).ToException();
        }

        if (OriginRules.SameOrigin(indicator.Origin, Self))
        {
            throw new FieldError(IndicatorErrorKind.PermissionDenied, field + "indicator.origin", "versions of this node's own indicators are created by Submit only").ToException();
        }

        if (request.OriginPublicKey.IsEmpty)
        {
            throw FieldError.Invalid(field + "origin_public_key", "required").ToException();
        }

        if (RelayPathRules.Check(request.Path, field + "path") is { } pathError)
        {
            throw pathError.ToException();
        }

        // The quarantine mark is this node's own, never a sender's (it is outside the signature).
        indicator.Quarantine = null;
        indicator.Warning = null;
        var check = _verifier.Verify(indicator, request.OriginPublicKey.Span);
        if (!check.IsValid)
        {
            throw FieldError.Nested(field + "indicator", check.Reason ?? "signature: does not verify").ToException();
        }

        var received = new ReceivedCopy([.. request.Path], IndicatorCanonicalEncoding.LeafDigest(indicator));
        return new ForeignItem(indicator, received, field, _timeProvider.GetUtcNow()) { Screening = _screening.Screen(indicator) };
    }

    private ApplyForeignVersionResponse ApplyForeign(ForeignItem item, IIndicatorWriteTransaction transaction)
    {
        var indicator = item.Version;
        var stored = transaction.FindById(indicator.Id);
        if (stored is not null && !OriginRules.SameOrigin(stored.Indicator.Origin, indicator.Origin))
        {
            throw (NotOurs(indicator.Id, stored.Indicator.Origin) with { Field = item.Field + "indicator.id" }).ToException();
        }

        var storedVersion = stored?.Indicator.Version ?? 0;
        var storedSequence = stored?.Sequence ?? 0;
        if (indicator.Version <= storedVersion)
        {
            // A version not kept (skipped on the way here) cannot be compared: it is merely old.
            var digest = transaction.FindLeafDigest(indicator.Id, indicator.Version);
            if (digest is null || digest.AsSpan().SequenceEqual(item.Received.LeafDigest))
            {
                // A copy through another link: that link provides it too (SECURITY.md rule 6).
                transaction.AddProvider(indicator.Id, ProviderOf(indicator, item.Received.RelayPath));
                return Outcome(ApplyOutcome.Ignored, storedSequence, storedVersion);
            }

            transaction.Quarantine(item.Evidence(QuarantineReason.Equivocation));
            return Outcome(ApplyOutcome.Equivocation, storedSequence, storedVersion);
        }

        if (indicator.Version - storedVersion > _maxVersionStep)
        {
            transaction.Quarantine(item.Evidence(QuarantineReason.VersionJump));
            return Outcome(ApplyOutcome.Quarantined, storedSequence, storedVersion);
        }

        if (item.Screening.Refusal is not null)
        {
            return Outcome(ApplyOutcome.Refused, storedSequence, storedVersion);
        }

        var sequence = transaction.Append(indicator, item.Received);
        transaction.AddProvider(indicator.Id, ProviderOf(indicator, item.Received.RelayPath));
        var applied = Outcome(ApplyOutcome.Applied, sequence, indicator.Version);
        applied.Flagged = WarningFlags.Update(transaction, stored, item);
        return applied;
    }

    private static ApplyForeignVersionResponse Outcome(ApplyOutcome outcome, ulong sequence, ulong storedVersion) =>
        new() { Outcome = outcome, Sequence = sequence, StoredVersion = storedVersion };
}
