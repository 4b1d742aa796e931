using System.Runtime.CompilerServices;
using CyberPledge.Indicators.Feed;
using CyberPledge.Indicators.Validation;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators;

public sealed partial class IndicatorLedger
{
    private const int FeedPageSize = 512;

    /// <summary>
    /// The change feed after a cursor: every stored version in sequence order (catch-up), then
    /// each new one as it is committed (live). Resuming with the last sequence received gives
    /// no gap and no duplicate, across restarts too: sequences are stored with the versions.
    /// </summary>
    public async IAsyncEnumerable<ChangeEvent> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckCursor(request);
        var cursor = request.FromNow ? _store.LastSequence : request.AfterSequence;
        while (true)
        {
            var page = await _store.ReadFeedAsync(cursor, FeedPageSize, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page)
            {
                FeedMetrics.RecordLag(_store.LastSequence - stored.Sequence);
                cursor = stored.Sequence;
                if (request.ExcludeUnconfirmedWarnings && IsUnconfirmed(stored.Indicator))
                {
                    continue;
                }

                yield return new ChangeEvent
                {
                    Sequence = stored.Sequence,
                    Indicator = stored.Indicator,
                    RelayPath = { stored.RelayPath },
                    StoredAt = Timestamp.FromDateTimeOffset(stored.StoredAt),
                    Removed = stored.Removed,
                    LatestSequence = stored.LatestSequence,
                };
            }

            if (page.Count < FeedPageSize)
            {
                await _store.WaitForChangeAsync(cursor, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void CheckCursor(WatchRequest request)
    {
        if (request.FeedId.Length > 0 && request.FeedId != _store.FeedId)
        {
            throw new FieldError(IndicatorErrorKind.FailedPrecondition, "feed_id", "the cursor belongs to another feed (the store was replaced); start again from 0").ToException();
        }

        if (request.FromNow && request.AfterSequence != 0)
        {
            throw FieldError.Invalid("after_sequence", "must be 0 with from_now").ToException();
        }

        if (request.AfterSequence > _store.LastSequence)
        {
            throw new FieldError(IndicatorErrorKind.OutOfRange, "after_sequence",
                $"beyond the end of the feed ({_store.LastSequence}); to watch from now, set from_now").ToException();
        }
    }
}
