using System.Runtime.CompilerServices;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Stix;
using CyberPledge.V1;

namespace CyberPledge.Federation.Taxii;

/// <summary>One object of a collection as served: where it stands, when it was added, and the version it came from.</summary>
internal sealed record TaxiiItem(TaxiiPosition Position, DateTimeOffset DateAdded, StixObject Object, ChangeEvent? Change, VisibleVersion? Visible);

/// <summary>One page of a collection's objects, whether more follow, and where the next page's scan of the feed starts.</summary>
internal sealed record TaxiiScan(IReadOnlyList<TaxiiItem> Items, bool More, TaxiiResume Resume);

/// <summary>
/// Reads a page of a caller's collection in date_added order after a position, with the request's filters
/// (docs/taxii.md "Paging"). The collection is the shared objects its indicators reference (markings, extension
/// definitions, identities: one version each, added at <see cref="StixProvenance.Published"/>), then, for each version
/// of this node's feed the caller may see, that version's objects. Their date_added is when this node stored the
/// version (Indicators' stored_at, strictly increasing with the feed's sequence) or, for a version a grantee gets under
/// an embargo, its release if that is later: so a version released after a client's last poll comes after that poll's
/// <c>X-TAXII-Date-Added-Last</c>. Withheld versions, and embargoed ones before their release, are skipped, so a page is
/// filled to the limit with what the caller may see (SECURITY.md rule 5).
/// </summary>
internal sealed class CollectionScan(NodeServices services, NodeSelf self, PeerDirectory peers, AgreementDirectory agreements)
{
    public async Task<TaxiiScan> ReadAsync(TaxiiView view, TaxiiFilters filters, TaxiiResume resume, CancellationToken cancellationToken)
    {
        if (!filters.SpecVersionMatches)
        {
            return new TaxiiScan([], false, TaxiiResume.Start);
        }

        var embargo = LongestEmbargo(view.Caller);
        return embargo == TimeSpan.Zero
            ? await InFeedOrderAsync(view, filters, resume, cancellationToken).ConfigureAwait(false)
            : await ByDateAsync(view, filters, resume, embargo.Ticks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Without an embargo date_added follows the feed's sequence: the page is the first objects after the position,
    /// read from the position's version on.
    /// </summary>
    private async Task<TaxiiScan> InFeedOrderAsync(TaxiiView view, TaxiiFilters filters, TaxiiResume resume, CancellationToken cancellationToken)
    {
        var items = new List<TaxiiItem>(Math.Min(filters.Limit, 256));
        var selection = new VersionSelection(view, filters.Versions);
        await foreach (var item in CandidatesAsync(view, filters, resume, 0, null, cancellationToken).ConfigureAwait(false))
        {
            if (!await selection.SelectedAsync(item).ConfigureAwait(false))
            {
                continue;
            }

            if (items.Count == filters.Limit)
            {
                var last = items[^1].Position;
                return new TaxiiScan(items, true, new TaxiiResume(last, last.Sequence));
            }

            items.Add(item);
        }

        return new TaxiiScan(items, false, TaxiiResume.Start);
    }

    /// <summary>
    /// Under an embargo date_added no longer follows the sequence: the page is the smallest objects after the position
    /// among every version that can still be dated after it. A version's date_added is at most the later of its stored
    /// time and its making plus the grantee's longest embargo, so the next page's scan starts at the first version
    /// whose bound reaches the page's last date, and earlier versions are passed over without a decision.
    /// </summary>
    private async Task<TaxiiScan> ByDateAsync(TaxiiView view, TaxiiFilters filters, TaxiiResume resume, long embargoTicks, CancellationToken cancellationToken)
    {
        var keep = filters.Limit + 1;
        var best = new PriorityQueue<TaxiiItem, TaxiiPosition>(keep, Comparer<TaxiiPosition>.Create((a, b) => b.CompareTo(a)));
        var selection = new VersionSelection(view, filters.Versions);
        var bounds = new List<(ulong Sequence, long LatestTicks)>();
        await foreach (var item in CandidatesAsync(view, filters, resume, embargoTicks, bounds, cancellationToken).ConfigureAwait(false))
        {
            if (best.Count == keep && item.Position.CompareTo(best.Peek().Position) >= 0)
            {
                continue;
            }

            if (!await selection.SelectedAsync(item).ConfigureAwait(false))
            {
                continue;
            }

            best.Enqueue(item, item.Position);
            if (best.Count > keep)
            {
                best.Dequeue();
            }
        }

        var items = new TaxiiItem[best.Count];
        for (var i = items.Length - 1; i >= 0; i--)
        {
            items[i] = best.Dequeue();
        }

        if (items.Length < keep)
        {
            return new TaxiiScan(items, false, TaxiiResume.Start);
        }

        var page = items[..filters.Limit];
        var last = page[^1].Position;
        var scanFrom = bounds.FirstOrDefault(b => b.LatestTicks >= last.DateTicks).Sequence;
        return new TaxiiScan(page, true, new TaxiiResume(last, scanFrom));
    }

    /// <summary>
    /// The objects after the position that pass the request's filters (all but match[version]), the shared objects
    /// first when the scan starts at the beginning, then those of the feed's versions from <see cref="TaxiiResume.ScanFrom"/>
    /// to the feed's head. <paramref name="bounds"/> receives each version's latest possible date_added.
    /// </summary>
    private async IAsyncEnumerable<TaxiiItem> CandidatesAsync(
        TaxiiView view,
        TaxiiFilters filters,
        TaxiiResume resume,
        long embargoTicks,
        List<(ulong Sequence, long LatestTicks)>? bounds,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = resume.After;
        if (resume.ScanFrom == 0)
        {
            var shared = SharedObjects(view.Caller);
            for (var index = 0; index < shared.Count; index++)
            {
                var added = StixProvenance.Published.AddTicks(index * 10L);
                var item = new TaxiiItem(new TaxiiPosition(added.UtcTicks, 0, index), added, shared[index], null, null);
                if (item.Position.IsAfter(after) && Matches(item, filters))
                {
                    yield return item;
                }
            }
        }

        var head = (await services.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false)).LastSequence;
        var from = resume.ScanFrom == 0 ? 0 : resume.ScanFrom - 1;
        if (from >= head)
        {
            yield break;
        }

        // Nothing dated at or before this can be on the page.
        var notAfterTicks = Math.Max(after.DateTicks == long.MinValue ? long.MinValue : after.DateTicks - 1, filters.AddedAfter?.UtcTicks ?? long.MinValue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = services.Indicators.Watch(new WatchRequest { AfterSequence = from, FeedId = self.Identity.FeedId }, cancellationToken: stop.Token);
        while (await watch.ResponseStream.MoveNext(stop.Token).ConfigureAwait(false))
        {
            var change = watch.ResponseStream.Current;
            var stored = change.StoredAt.ToDateTimeOffset();
            var latestTicks = LatestDateTicks(change, stored, embargoTicks);
            bounds?.Add((change.Sequence, latestTicks));
            if (latestTicks > notAfterTicks && view.Decide(change) is { } visible)
            {
                var dateAdded = DateAdded(stored, visible);
                var objects = StixExport.Export(visible.Copy).Objects;
                for (var index = 0; index < objects.Count; index++)
                {
                    var item = new TaxiiItem(new TaxiiPosition(dateAdded.UtcTicks, change.Sequence, index), dateAdded, objects[index], change, visible);
                    if (item.Position.IsAfter(after) && Matches(item, filters))
                    {
                        yield return item;
                    }
                }
            }

            if (change.Sequence >= head)
            {
                break;
            }
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// When the version's objects were added for this caller: when this node stored it or, if the caller gets it under
    /// an embargo released later, that release, to the microsecond as TAXII writes it.
    /// </summary>
    private static DateTimeOffset DateAdded(DateTimeOffset stored, VisibleVersion visible)
    {
        if (visible.Decision?.ReleaseAt is not { } release || release <= stored)
        {
            return stored;
        }

        return new DateTimeOffset(release.UtcTicks - (release.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>
    /// The latest date_added the version can have for this caller whatever the decision: its stored time, or its making
    /// plus the longest embargo of the caller's agreements if that is later (the engine counts an embargo from the
    /// version's modified time, else its created time).
    /// </summary>
    private static long LatestDateTicks(ChangeEvent change, DateTimeOffset stored, long embargoTicks)
    {
        if (embargoTicks == 0)
        {
            return stored.UtcTicks;
        }

        var made = change.Indicator.Modified ?? change.Indicator.Created;
        if (made is null)
        {
            return stored.UtcTicks;
        }

        var madeTicks = made.ToDateTimeOffset().UtcTicks;
        return Math.Max(stored.UtcTicks, madeTicks > DateTimeOffset.MaxValue.UtcTicks - embargoTicks ? DateTimeOffset.MaxValue.UtcTicks : madeTicks + embargoTicks);
    }

    private static bool Matches(TaxiiItem item, TaxiiFilters filters) =>
        (filters.AddedAfter is not { } after || item.DateAdded > after)
        && (filters.Ids is null || filters.Ids.Contains(item.Object.Id))
        && (filters.Types is null || filters.Types.Contains(item.Object.Type))
        && (item.Change is not null || filters.Versions.All || filters.Versions.Last || filters.Versions.First || filters.Versions.Exact.Contains(item.Object.Version));

    /// <summary>The longest embargo of the caller's agreements: zero for staff and for a grantee without one.</summary>
    private TimeSpan LongestEmbargo(TaxiiCaller caller)
    {
        if (caller.Grantee is not { } grantee)
        {
            return TimeSpan.Zero;
        }

        var longest = TimeSpan.Zero;
        foreach (var agreement in agreements.Agreements.Values)
        {
            if (agreement.Grantee == grantee && agreement.Rules?.Embargo?.ToTimeSpan() is { } embargo && embargo > longest)
            {
                longest = embargo;
            }
        }

        return longest;
    }

    /// <summary>
    /// The objects every indicator references: the TLP 2.0 markings and their extension definition, the provenance
    /// extension and its author, and the identities of the origins the caller may get versions of (this nation's,
    /// and for staff or a grantee allowed relayed versions, those of the registry's nations).
    /// </summary>
    private List<StixObject> SharedObjects(TaxiiCaller caller)
    {
        List<StixObject> shared = [.. StixMarkings.All, StixMarkings.TlpExtensionDefinition, StixProvenance.ExtensionDefinition, StixProvenance.Author, StixExport.Identity(self.Nation)];
        var relayed = caller.Grantee is not { } grantee
            || agreements.Agreements.Values.Any(a => a.Grantee == grantee && a.Status == AgreementStatus.Active && a.Rules?.MayReshare == true);
        if (relayed)
        {
            shared.AddRange(peers.Peers.Keys.Where(n => n != self.Nation).Order(StringComparer.Ordinal).Select(StixExport.Identity));
        }

        return shared;
    }
}
