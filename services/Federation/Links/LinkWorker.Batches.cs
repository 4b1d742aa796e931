using System.Threading.Channels;
using CyberPledge.Federation.Links.Audit;
using CyberPledge.Federation.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Federation.Links;

internal sealed partial class LinkWorker
{
    /// <summary>Applies what the stream delivers, batch by batch, until it ends (returns) or fails (throws).</summary>
    private async Task ApplyAsync(ChannelReader<FeedRecord> buffer, CancellationToken cancellationToken)
    {
        var batch = new List<FeedRecord>(_services.Options.BatchSize);
        // WaitToReadAsync rethrows the stream's failure once the buffer is drained.
        while (await buffer.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < _services.Options.BatchSize && buffer.TryRead(out var record))
            {
                batch.Add(record);
            }

            await ApplyBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ApplyBatchAsync(List<FeedRecord> batch, CancellationToken cancellationToken)
    {
        await TakeLinkQuotaAsync(batch, cancellationToken).ConfigureAwait(false);
        var now = _services.Time.GetUtcNow();
        var counts = new BatchCounts();
        var accepted = new List<ForeignVersion>(batch.Count);
        var withdrawals = new List<(int Before, Withdrawal Withdrawal)>();
        IReadOnlyList<ForeignApplyResult> results = [];
        ByteString? cursor = null;
        Duration? lag = null;
        foreach (var record in batch)
        {
            if (!record.Cursor.IsEmpty)
            {
                cursor = record.Cursor;
            }

            switch (record.KindCase)
            {
                case FeedRecord.KindOneofCase.Indicator:
                    counts.Received++;
                    lag = LagOf(record.Indicator.Version, now) ?? lag;
                    var verdict = _services.Checks.Check(record.Indicator, Nation);
                    if (verdict.Accepted is { } version)
                    {
                        accepted.Add(version);
                    }
                    else if (verdict.Rejected is { } reason)
                    {
                        Reject(reason, record.Indicator.Version, now, ref counts);
                    }
                    else
                    {
                        counts.Ignored++;
                    }

                    break;
                case FeedRecord.KindOneofCase.Withdrawal:
                    counts.Withdrawals++;
                    withdrawals.Add((accepted.Count, record.Withdrawal));
                    break;
                // A checkpoint, or a kind newer than this node: only the cursor moves.
            }
        }

        if (accepted.Count > 0)
        {
            await TakeOriginQuotasAsync(accepted, cancellationToken).ConfigureAwait(false);
            results = await _services.Applier.ApplyAsync(accepted, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < results.Count; i++)
            {
                var result = results[i];
                switch (result.Outcome)
                {
                    case ForeignApplyOutcome.Applied:
                        counts.Applied++;
                        break;
                    case ForeignApplyOutcome.Ignored:
                        counts.Ignored++;
                        break;
                    case ForeignApplyOutcome.Equivocation or ForeignApplyOutcome.Quarantined:
                        // Evidence kept and the indicator quarantined by Indicators; the link goes on (SECURITY.md rule 8).
                        var quarantined = accepted[i].Indicator;
                        LinkLog.Quarantined(_services.Logger, Nation, result.Outcome, quarantined.Origin.Nation, quarantined.Origin.NodeId,
                            quarantined.Id, quarantined.Version, RelayHops(accepted[i].Path), result.Reason ?? "");
                        Reject(result.Outcome == ForeignApplyOutcome.Equivocation ? RejectionReason.Equivocation : RejectionReason.VersionJump, quarantined, now, ref counts);
                        break;
                    default:
                        Reject(RejectionReason.Invalid, accepted[i].Indicator, now, ref counts);
                        break;
                }
            }
        }

        var removed = 0;
        if (withdrawals.Count > 0)
        {
            (var refused, removed) = await WithdrawAsync(withdrawals, accepted, results, cancellationToken).ConfigureAwait(false);
            foreach (var (reason, withdrawal) in refused)
            {
                Reject(reason, withdrawal, now, ref counts);
            }
        }

        // Only now, with everything it covers applied (or definitively ignored or rejected), the cursor moves.
        _applied += (ulong)counts.Applied;
        if (cursor is not null)
        {
            await _services.Store.SaveCursorAsync(Nation, new LinkCursor(cursor.ToByteArray(), _applied, now), cancellationToken).ConfigureAwait(false);
        }

        Show(status =>
        {
            status.Position = _applied;
            status.Received += (ulong)counts.Received;
            status.Applied += (ulong)counts.Applied;
            status.Ignored += (ulong)counts.Ignored;
            status.Rejected += (ulong)counts.Rejected;
            status.Lag = lag ?? status.Lag;
            if (counts.LastRejection is { } rejection)
            {
                // The session goes on: the last error tells an administrator why the rejected count grew.
                status.LastError = rejection;
                status.LastErrorAt = Timestamp.FromDateTimeOffset(now);
            }
        });
        if (counts.Withdrawals > 0)
        {
            LinkLog.Withdrawals(_services.Logger, Nation, counts.Withdrawals, removed);
        }

        FlushRejections(force: false);
        if (_rejections.LimitReached)
        {
            throw new LinkCutException();
        }
    }

    private static string RelayHops(IReadOnlyList<RelayHop> path) =>
        path.Count == 0 ? "(from its origin)" : string.Join(" > ", path.Select(hop => hop.Nation + "/" + hop.NodeId));

    private void Reject(RejectionReason reason, Indicator? version, DateTimeOffset now, ref BatchCounts counts)
    {
        counts.Rejected++;
        counts.LastRejection = $"rejected ({reason}): {version?.Origin?.Nation ?? "?"} {version?.Id ?? "?"} v{version?.Version ?? 0}";
        _rejections.Add(reason, now);
    }

    /// <summary>One log line and one audit record per window with the counts by reason (SECURITY.md rule 7).</summary>
    private void FlushRejections(bool force)
    {
        if (_rejections.TakeSummary(_services.Time.GetUtcNow(), force) is { } summary)
        {
            LinkLog.Rejections(_services.Logger, Nation, summary.ToString());
            _services.Audit.Record(LinkEvents.Rejections(Nation, summary));
        }
    }

    /// <summary>
    /// The link's quotas wait (back-pressure), they never refuse: a catch-up burst is slowed, not cut (SECURITY.md rule
    /// 7). They count everything the link delivered, whatever becomes of it, since reading it is the cost.
    /// </summary>
    private Task TakeLinkQuotaAsync(List<FeedRecord> batch, CancellationToken cancellationToken)
    {
        var versions = 0;
        var bytes = 0L;
        foreach (var record in batch)
        {
            bytes += record.CalculateSize();
            versions += record.KindCase == FeedRecord.KindOneofCase.Indicator ? 1 : 0;
        }

        var wait = OriginQuotas.Max(_versionQuota.Reserve(versions), _byteQuota.Reserve(bytes));
        return wait > TimeSpan.Zero ? Task.Delay(wait, _services.Time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Each origin's quotas, shared with the other links, for the versions that verified against its key.</summary>
    private async Task TakeOriginQuotasAsync(List<ForeignVersion> accepted, CancellationToken cancellationToken)
    {
        foreach (var origin in accepted.GroupBy(v => v.OriginNation, StringComparer.Ordinal))
        {
            var bytes = origin.Sum(v => (long)v.Indicator.CalculateSize());
            await _services.OriginQuotas.TakeAsync(origin.Key, origin.Count(), bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Duration? LagOf(Indicator? version, DateTimeOffset now)
    {
        var stamp = version?.Modified ?? version?.Created;
        if (stamp is null)
        {
            return null;
        }

        var age = now - stamp.ToDateTimeOffset();
        return Duration.FromTimeSpan(age > TimeSpan.Zero ? age : TimeSpan.Zero);
    }

    private struct BatchCounts
    {
        public int Received;
        public int Applied;
        public int Ignored;
        public int Rejected;
        public int Withdrawals;
        public string? LastRejection;
    }
}
