using CyberPledge.Federation.Serving.Audit;
using CyberPledge.Federation.Storage;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Federation.Serving;

/// <summary>What the stream does with each event and each due hold, and how a record leaves with its cursor.</summary>
internal sealed partial class FeedSession
{
    private const int ReleaseBatch = 100;

    private async Task HandleAsync(ChangeEvent change)
    {
        _head = Math.Max(_head, change.Sequence);
        var decision = server.Policy.Decide(change, subscriber, server.Time.GetUtcNow());
        Record(change, decision);
        var next = _cursor with { Sequence = change.Sequence };
        switch (decision.Outcome)
        {
            case ServeOutcome.Send:
                await SendAsync(server.Policy.ToRecord(change, decision), next).ConfigureAwait(false);
                server.Links.Sent(Grantee, next.Sequence, _head, change.Indicator.Modified);
                return;
            case ServeOutcome.Hold:
                // Durable before the cursor passes it (Decision 5): a restart finds it in the store.
                await HoldAsync(change, decision.ReleaseAt!.Value).ConfigureAwait(false);
                Settle(next);
                server.Links.Moved(Grantee, next.Sequence, _head);
                return;
            default:
                Settle(next);
                server.Links.Withheld(Grantee, next.Sequence, _head, RelayRules.IsRoute(decision.Rule));
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
                var change = ChangeEvent.Parser.ParseFrom(hold.ChangeEvent);
                await RefreshQuarantineAsync(change).ConfigureAwait(false);
                var decision = server.Policy.Decide(change, subscriber, now);
                Record(change, decision);
                var next = _cursor with { Released = hold.Position };
                if (decision.Outcome == ServeOutcome.Send)
                {
                    await SendAsync(server.Policy.ToRecord(change, decision), next).ConfigureAwait(false);
                    server.Links.Sent(Grantee, _cursor.Sequence, _head, change.Indicator.Modified);
                    continue;
                }

                if (decision.Outcome == ServeOutcome.Hold)
                {
                    // The embargo grew (the agreement changed): held again, later than now, so after the cursor's release position.
                    await HoldAsync(change, decision.ReleaseAt!.Value).ConfigureAwait(false);
                }
                else
                {
                    server.Links.Withheld(Grantee, _cursor.Sequence, _head, RelayRules.IsRoute(decision.Rule));
                }

                Settle(next);
            }
        }
        while (due.Count == ReleaseBatch);

        _nextRelease = await server.Store.NextReleaseAsync(Grantee, _cursor.Released, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The hold keeps the event as it was read; the indicator may have been quarantined since (an equivocation
    /// arriving during the embargo), and a quarantined indicator must not leave (SECURITY.md rule 8).
    /// </summary>
    private async Task RefreshQuarantineAsync(ChangeEvent change)
    {
        var current = await server.Services.Indicators.GetAsync(new GetRequest { Id = change.Indicator.Id }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        change.Indicator.Quarantine = current.Quarantine;
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
        if (decision.Outcome == ServeOutcome.Withhold && RelayRules.IsRoute(decision.Rule))
        {
            // Routing, not sharing (Decision 6): the link counts it. In a full mesh nearly every relayed version is
            // one of these for nearly every subscriber, which made most of the audit's volume and said nothing.
            return;
        }

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
