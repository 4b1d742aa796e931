using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Serving.Audit;

namespace CyberPledge.Federation.Taxii;

/// <summary>One page of a list endpoint: its items, whether more follow, and the sealed token for the next page.</summary>
internal sealed record TaxiiPage(IReadOnlyList<TaxiiItem> Items, bool More, string? Next)
{
    public DateTimeOffset? FirstAdded => Items.Count > 0 ? Items[0].DateAdded : null;

    public DateTimeOffset? LastAdded => Items.Count > 0 ? Items[^1].DateAdded : null;
}

/// <summary>
/// Reads pages of a caller's collection: from the position a <c>next</c> token carries (opened only for the same
/// caller, collection, filters and agreement versions: otherwise a 400), up to the limit, knowing whether more follow.
/// </summary>
internal sealed class TaxiiPager(CollectionScan scan, TaxiiTokens tokens, TaxiiCollections collections, ShareAudit audit, TimeProvider time)
{
    public async Task<TaxiiPage> ReadAsync(TaxiiView view, TaxiiCollection collection, TaxiiFilters filters, CancellationToken cancellationToken)
    {
        var binding = view.Caller.Binding(collection.Id);
        var digest = filters.Digest();
        var agreement = collections.AgreementDigest(view.Caller);
        var resume = TaxiiResume.Start;
        if (filters.Next is { } next)
        {
            resume = await tokens.OpenAsync(next, digest, agreement, binding, cancellationToken).ConfigureAwait(false)
                ?? throw TaxiiError.BadRequest("next: not a token this server gave for this collection, these filters and your current agreement; start again with added_after");
        }

        var page = await scan.ReadAsync(view, filters, resume, cancellationToken).ConfigureAwait(false);
        var token = page.More ? await tokens.SealAsync(page.Resume, digest, agreement, binding, cancellationToken).ConfigureAwait(false) : null;
        return new TaxiiPage(page.Items, page.More, token);
    }

    /// <summary>
    /// Records each version whose objects a grantee was given in the share audit, as a federation send is recorded
    /// (docs/federation.md "Share audit"). Staff reading their own node's collection are not a share.
    /// </summary>
    public void RecordServed(TaxiiView view, TaxiiPage page)
    {
        if (view.Caller.Grantee is not { } grantee)
        {
            return;
        }

        ulong last = 0;
        foreach (var item in page.Items)
        {
            if (item.Change is not { } change || item.Visible?.Decision is not { } decision || change.Sequence == last)
            {
                continue;
            }

            last = change.Sequence;
            var version = change.Indicator;
            audit.Record(new ServedDecision(time.GetUtcNow(), grantee, version.Origin?.Nation ?? "", version.Origin?.NodeId ?? "", version.Id, version.Version,
                ServeOutcome.Send, decision.Rule, "served over TAXII: " + decision.Reason, decision.AgreementId, decision.AgreementVersion));
        }
    }
}
