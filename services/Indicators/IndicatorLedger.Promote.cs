using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>
    /// An analyst of this nation promotes an imported indicator (SECURITY.md rule 2): a new version, signed, with
    /// <c>imported.promoted</c> set and the analyst named, after which it federates like this node's own (agreements
    /// still decide). Audited as a warning review is: kept (<see cref="IIndicatorLookup.FindImportPromotions"/>) and logged.
    /// </summary>
    /// <param name="request">The indicator and a note.</param>
    /// <param name="promoter">Who, as the audit names the caller: "alice (analyst)".</param>
    /// <param name="cancellationToken">Cancels the wait (not a write that has begun).</param>
    /// <returns>The promoting version.</returns>
    public async Task<Indicator> PromoteImportedAsync(PromoteImportedRequest request, string promoter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequireId(request.Id);
        if (!TextRules.TryCheckFreeText(request.Note, MaxReviewNoteLength, out var reason))
        {
            throw FieldError.Invalid("note", reason).ToException();
        }

        var now = _timeProvider.GetUtcNow();
        var promoted = await _store.WriteAsync(transaction =>
        {
            var current = transaction.FindById(id)?.Indicator ?? throw NotFound(id);
            if (current.Imported is null)
            {
                throw new FieldError(IndicatorErrorKind.FailedPrecondition, "id", $"indicator {id} was not imported").ToException();
            }

            if (current.Imported.Promoted)
            {
                throw new FieldError(IndicatorErrorKind.FailedPrecondition, "id", $"indicator {id} is already promoted (by {current.Imported.PromotedBy})").ToException();
            }

            if (!OriginRules.SameOrigin(current.Origin, Self))
            {
                throw NotOurs(id, current.Origin).ToException();
            }

            var next = _versions.Promotion(current, promoter, now);
            _signingKey.Sign(next);
            transaction.Append(next);
            transaction.RecordImportPromotion(new ImportPromotionRecord(id, next.Version, promoter, request.Note, now));
            return next;
        }, cancellationToken).ConfigureAwait(false);
        WarningAlerts.Promoted(_logger, id, promoted.Version, promoter);
        return promoted;
    }
}
