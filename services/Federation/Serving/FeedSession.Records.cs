using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using Grpc.Core;

namespace CyberPledge.Federation.Serving;

/// <summary>What the stream does with each event and each due hold, and how a record leaves with its cursor.</summary>
internal sealed partial class FeedSession
{
    private const int ReleaseBatch = 100;

    /// <summary>
    /// Decides a turn's events, stores the copies they give or withdraw (one durable write) and only then sends them:
    /// a copy the grantee may hold is never unknown to the store, so a later tightening always finds it (SECURITY.md
    /// rule 6), across a restart too.
    /// </summary>
    private async Task HandleAsync(List<ChangeEvent> changes)
    {
        var copies = await LoadCopiesAsync(changes.Select(c => WithdrawalRules.KeyOf(c.Indicator))).ConfigureAwait(false);
        var updates = new Dictionary<CopyKey, SentCopy>();
        var steps = new List<(ChangeEvent Change, ServeDecision Decision, FeedRecord? Record)>(changes.Count);
        var now = server.Time.GetUtcNow();
        foreach (var change in changes)
        {
            _head = Math.Max(_head, change.Sequence);
            var key = WithdrawalRules.KeyOf(change.Indicator);
            var held = copies.GetValueOrDefault(key).HeldAt(change.Sequence);
            var decision = change.Removed
                ? WithdrawalRules.Removal(held)
                : WithdrawalRules.WithdrawIfHeld(server.Policy.Decide(change, subscriber, now, held), held);
            FeedRecord? record = null;
            if (decision.Outcome == ServeOutcome.Send)
            {
                record = server.Policy.ToRecord(change, decision);
                Note(copies, updates, key, new SentCopy(change.Sequence, 0));
            }
            else if (decision.Outcome == ServeOutcome.Withdraw)
            {
                record = await WithdrawalAsync(change.Indicator).ConfigureAwait(false);
                Note(copies, updates, key, new SentCopy(0, change.Sequence));
            }

            steps.Add((change, decision, record));
        }

        await server.Store.SaveCopiesAsync(Grantee, updates, cancellationToken).ConfigureAwait(false);
        foreach (var (change, decision, record) in steps)
        {
            await TakeAsync(change, decision, record).ConfigureAwait(false);
        }
    }

    private async Task TakeAsync(ChangeEvent change, ServeDecision decision, FeedRecord? record)
    {
        // A removal of something the grantee never held is no decision about it: nothing to audit (SECURITY.md rule 5).
        if (!change.Removed || decision.Outcome != ServeOutcome.Withhold)
        {
            Record(change, decision);
        }

        var next = _cursor with { Sequence = change.Sequence };
        switch (decision.Outcome)
        {
            case ServeOutcome.Send:
                await SendAsync(record!, next).ConfigureAwait(false);
                server.Links.Sent(Grantee, next.Sequence, _head, change.Indicator.Modified);
                return;
            case ServeOutcome.Withdraw:
                await SendAsync(record!, next).ConfigureAwait(false);
                server.Links.Withheld(Grantee, next.Sequence, _head);
                return;
            case ServeOutcome.Hold:
                // Durable before the cursor passes it (Decision 5): a restart finds it in the store.
                await HoldAsync(change, decision.ReleaseAt!.Value).ConfigureAwait(false);
                Settle(next);
                server.Links.Moved(Grantee, next.Sequence, _head);
                return;
            default:
                Settle(next);
                if (change.Removed)
                {
                    server.Links.Moved(Grantee, next.Sequence, _head);
                }
                else
                {
                    server.Links.Withheld(Grantee, next.Sequence, _head);
                }

                return;
        }
    }

    /// <summary>Sends or settles every hold due now, in (release time, sequence) order, each decided again as things stand now.</summary>
    private async Task ReleaseDueAsync()
    {
        var now = server.Time.GetUtcNow();
        IReadOnlyList<EmbargoHold> due;
        do
        {
            due = await server.Store.DueHoldsAsync(Grantee, _cursor.Released, now, ReleaseBatch, cancellationToken).ConfigureAwait(false);
            foreach (var hold in due)
            {
                await ReleaseAsync(hold, now).ConfigureAwait(false);
            }
        }
        while (due.Count == ReleaseBatch);

        _nextRelease = await server.Store.NextReleaseAsync(Grantee, _cursor.Released, cancellationToken).ConfigureAwait(false);
    }

    private async Task ReleaseAsync(EmbargoHold hold, DateTimeOffset now)
    {
        var change = ChangeEvent.Parser.ParseFrom(hold.ChangeEvent);
        var stillHere = await RefreshQuarantineAsync(change).ConfigureAwait(false);
        var key = WithdrawalRules.KeyOf(change.Indicator);
        var copy = (await LoadCopiesAsync([key]).ConfigureAwait(false)).GetValueOrDefault(key);
        var held = copy.HeldAt(hold.Sequence);
        // Gone from this node since: its removal, later in the feed, withdraws a holder's copy; the hold only lapses.
        var decision = !stillHere ? WithdrawalRules.Removal(held: false)
            : copy.WithdrawnAfter(hold.Sequence) ? WithdrawalRules.SupersededHold(Grantee)
            : WithdrawalRules.WithdrawIfHeld(server.Policy.Decide(change, subscriber, now, held), held);
        Record(change, decision);
        var next = _cursor with { Released = hold.Position };
        switch (decision.Outcome)
        {
            case ServeOutcome.Send:
                await SaveCopyAsync(key, new SentCopy(hold.Sequence, 0)).ConfigureAwait(false);
                await SendAsync(server.Policy.ToRecord(change, decision), next).ConfigureAwait(false);
                server.Links.Sent(Grantee, _cursor.Sequence, _head, change.Indicator.Modified);
                return;
            case ServeOutcome.Withdraw:
                var withdrawal = await WithdrawalAsync(change.Indicator).ConfigureAwait(false);
                await SaveCopyAsync(key, new SentCopy(0, hold.Sequence)).ConfigureAwait(false);
                await SendAsync(withdrawal, next).ConfigureAwait(false);
                server.Links.Withheld(Grantee, _cursor.Sequence, _head);
                return;
            case ServeOutcome.Hold:
                // The embargo grew (the agreement changed): held again, later than now, so after the cursor's release position.
                await HoldAsync(change, decision.ReleaseAt!.Value).ConfigureAwait(false);
                break;
            default:
                server.Links.Withheld(Grantee, _cursor.Sequence, _head);
                break;
        }

        Settle(next);
    }

    /// <summary>
    /// The hold keeps the event as it was read; the indicator may have been quarantined since (an equivocation
    /// arriving during the embargo), and a quarantined indicator must not leave (SECURITY.md rule 8). False when the
    /// indicator left this node since (no link provides it any more).
    /// </summary>
    private async Task<bool> RefreshQuarantineAsync(ChangeEvent change)
    {
        try
        {
            var current = await server.Services.Indicators.GetAsync(new GetRequest { Id = change.Indicator.Id }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
            change.Indicator.Quarantine = current.Quarantine;
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
    }

    private async Task HoldAsync(ChangeEvent change, DateTimeOffset releaseAt)
    {
        await server.Store.HoldAsync(Grantee, new EmbargoHold(change.Sequence, releaseAt, change.ToByteArray()), cancellationToken).ConfigureAwait(false);
        _nextRelease = _nextRelease is { } known && known < releaseAt ? known : releaseAt;
    }

    /// <summary>The cursor moves without a record: the next record, or a checkpoint, carries it.</summary>
    private void Settle(FeedCursor next)
    {
        _cursor = next;
        _unsent = true;
    }

    private async Task SendAsync(FeedRecord record, FeedCursor next)
    {
        record.Cursor = ByteString.CopyFrom(await server.Sealer.SealAsync(next, Grantee, cancellationToken).ConfigureAwait(false));
        await stream.WriteAsync(record).ConfigureAwait(false);
        _cursor = next;
        _unsent = false;
        _lastRecordAt = server.Time.GetUtcNow();
    }

    private void Record(ChangeEvent change, ServeDecision decision)
    {
        var version = change.Indicator;
        server.Audit.Record(new ServedDecision(
            server.Time.GetUtcNow(),
            Grantee,
            version.Origin?.Nation ?? "",
            version.Origin?.NodeId ?? "",
            version.Id,
            version.Version,
            decision.Outcome,
            decision.Rule,
            decision.Reason,
            decision.AgreementId,
            decision.AgreementVersion));
    }
}
