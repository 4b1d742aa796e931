using System.Runtime.CompilerServices;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Stix;
using CyberPledge.V1;

namespace CyberPledge.Federation.Taxii;

/// <summary>One object of a collection as served: where it stands, when it was added, and the version it came from.</summary>
internal sealed record TaxiiItem(TaxiiPosition Position, DateTimeOffset DateAdded, StixObject Object, ChangeEvent? Change, VisibleVersion? Visible);

/// <summary>
/// Reads a caller's collection in date_added order after a position, with the request's filters (docs/taxii.md
/// "Paging"). The collection is the shared objects its indicators reference (markings, extension definitions,
/// identities: one version each, added at <see cref="StixProvenance.Published"/>), then, for each version of this
/// node's feed the caller may see, that version's objects, added when this node stored the version (Indicators'
/// stored_at, strictly increasing with the feed's sequence). Withheld versions are skipped, so a page is filled to the
/// limit with what the caller may see (SECURITY.md rule 5).
/// </summary>
internal sealed class CollectionScan(NodeServices services, NodeSelf self, PeerDirectory peers, AgreementDirectory agreements)
{
    public async IAsyncEnumerable<TaxiiItem> ReadAsync(TaxiiView view, TaxiiFilters filters, TaxiiPosition after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!filters.SpecVersionMatches)
        {
            yield break;
        }

        if (after.Sequence == 0)
        {
            var shared = SharedObjects(view.Caller);
            for (var index = after.Index + 1; index < shared.Count; index++)
            {
                var item = new TaxiiItem(new TaxiiPosition(0, index), StixProvenance.Published.AddTicks(index * 10L), shared[index], null, null);
                if (Matches(item, filters))
                {
                    yield return item;
                }
            }
        }

        var head = (await services.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false)).LastSequence;
        var from = after.Sequence == 0 ? 0 : after.Sequence - 1;
        if (from >= head)
        {
            yield break;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var watch = services.Indicators.Watch(new WatchRequest { AfterSequence = from, FeedId = self.Identity.FeedId }, cancellationToken: stop.Token);
        while (await watch.ResponseStream.MoveNext(stop.Token).ConfigureAwait(false))
        {
            var change = watch.ResponseStream.Current;
            var dateAdded = change.StoredAt.ToDateTimeOffset();
            if ((filters.AddedAfter is not { } addedAfter || dateAdded > addedAfter) && view.Decide(change) is { } visible)
            {
                var objects = StixExport.Export(visible.Copy).Objects;
                bool? selected = null;
                for (var index = 0; index < objects.Count; index++)
                {
                    var item = new TaxiiItem(new TaxiiPosition(change.Sequence, index), dateAdded, objects[index], change, visible);
                    if (item.Position.IsAfter(after) && Matches(item, filters) && (selected ??= await SelectedAsync(view, change, objects[index], filters.Versions).ConfigureAwait(false)))
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

    private static bool Matches(TaxiiItem item, TaxiiFilters filters) =>
        (filters.AddedAfter is not { } after || item.DateAdded > after)
        && (filters.Ids is null || filters.Ids.Contains(item.Object.Id))
        && (filters.Types is null || filters.Types.Contains(item.Object.Type))
        && (item.Change is not null || filters.Versions.All || filters.Versions.Last || filters.Versions.First || filters.Versions.Exact.Contains(item.Object.Version));

    /// <summary>match[version]: every object of a version shares the version's modified time, so one answer serves the group.</summary>
    private static async Task<bool> SelectedAsync(TaxiiView view, ChangeEvent change, StixObject stix, VersionMatch versions) =>
        versions.All
        || versions.Exact.Contains(stix.Version)
        || (versions.Last && await view.IsLastAsync(change).ConfigureAwait(false))
        || (versions.First && await view.IsFirstAsync(change).ConfigureAwait(false));

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
