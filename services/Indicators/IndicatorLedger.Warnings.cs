using System.Globalization;
using CyberPledge.Indicators.Validation;
using CyberPledge.Indicators.WarningLists;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    /// <summary>The longest note a review may carry.</summary>
    public const int MaxReviewNoteLength = 1024;

    /// <summary>
    /// An analyst's review of a warning flag (SECURITY.md rule 4): CONFIRMED lets the indicator be exported,
    /// UNCONFIRMED takes a confirmation back. The review names the flag's version, so a newer version (checked anew)
    /// is never confirmed unseen. Kept for the audit (<see cref="IIndicatorLookup.FindWarningReviews"/>) and logged.
    /// </summary>
    /// <param name="request">The indicator, the flag's version, the state and a note.</param>
    /// <param name="reviewer">Who, as the audit names the caller: "alice (analyst)".</param>
    /// <param name="cancellationToken">Cancels the wait (not a write that has begun).</param>
    /// <returns>The latest version with its flag as it now stands.</returns>
    public async Task<Indicator> ReviewWarningAsync(ReviewWarningRequest request, string reviewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = RequireId(request.Id);
        if (request.State is not (WarningState.Confirmed or WarningState.Unconfirmed))
        {
            throw FieldError.Invalid("state", "CONFIRMED or UNCONFIRMED").ToException();
        }

        if (request.Version == 0)
        {
            throw FieldError.Invalid("version", "required: the flag's version, the one reviewed").ToException();
        }

        if (!TextRules.TryCheckFreeText(request.Note, MaxReviewNoteLength, out var reason))
        {
            throw FieldError.Invalid("note", reason).ToException();
        }

        var now = _timeProvider.GetUtcNow();
        var result = await _store.WriteAsync(transaction =>
        {
            var stored = transaction.FindById(id) ?? throw NotFound(id);
            var flag = stored.Indicator.Warning
                ?? throw new FieldError(IndicatorErrorKind.FailedPrecondition, "id", $"indicator {id} is not flagged by a warning list").ToException();
            if (flag.Version != request.Version)
            {
                throw new FieldError(IndicatorErrorKind.FailedPrecondition, "version",
                    string.Create(CultureInfo.InvariantCulture, $"the flag is for version {flag.Version}: review that version")).ToException();
            }

            var reviewed = flag.Clone();
            reviewed.State = request.State;
            reviewed.ReviewedBy = reviewer;
            reviewed.ReviewedAt = Timestamp.FromDateTimeOffset(now);
            reviewed.ReviewNote = request.Note;
            transaction.SetWarning(id, reviewed);
            transaction.RecordWarningReview(new WarningReviewRecord(id, flag.Version, request.State, reviewer, request.Note, now));
            var latest = stored.Indicator.Clone();
            latest.Warning = reviewed;
            return latest;
        }, cancellationToken).ConfigureAwait(false);
        WarningAlerts.Reviewed(_logger, id, request.Version, request.State, reviewer);
        return result;
    }

    /// <summary>Whether a Watch that leaves out unconfirmed flags skips this version.</summary>
    private static bool IsUnconfirmed(Indicator version) => version.Warning is { State: WarningState.Unconfirmed };
}
