using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Taxii.Import;

namespace CyberPledge.Federation.Taxii.Connector;

/// <summary>Where a poll gets its pages from (<see cref="TaxiiPageFetcher"/>; a fake in tests).</summary>
internal interface ITaxiiPageSource
{
    /// <inheritdoc cref="TaxiiPageFetcher.FetchAsync"/>
    Task<TaxiiSourcePage> FetchAsync(Uri url, CancellationToken cancellationToken);
}

/// <summary>
/// One poll of a source: GET <c>objects/?added_after=&lt;position&gt;&amp;limit=N</c>, then follow <c>next</c> while
/// <c>more</c> is true. Each page is imported (source <see cref="ImportSources.ForConnector"/>), and only once that
/// import returned (Indicators stored it durably) are its failures stored and the position advanced to the page's
/// X-TAXII-Date-Added-Last, in one transaction. A restart therefore resumes after the last page recorded; a page read
/// again is imported again without new versions (imports are idempotent by source, id and version).
/// </summary>
internal sealed class TaxiiSourcePoll(IFederationStore store, IStixImporter importer, TimeProvider time)
{
    /// <summary>Objects asked for per page.</summary>
    public const int PageLimit = 500;

    /// <summary>Pages read in one poll at most: a server that always has more is read on at the next poll.</summary>
    public const int MaxPagesPerPoll = 1000;

    /// <summary>Polls <paramref name="source"/> from its stored position; returns the position it reached.</summary>
    /// <exception cref="TaxiiPollException">A page could not be fetched (the pages before it are recorded).</exception>
    public async Task<string> RunAsync(StoredTaxiiSource source, ITaxiiPageSource pages, CancellationToken cancellationToken)
    {
        var position = source.Position;
        var queryFrom = position;
        string? next = null;
        for (var read = 0; read < MaxPagesPerPoll; read++)
        {
            var page = await pages.FetchAsync(ObjectsUrl(source.CollectionUrl, queryFrom, next), cancellationToken).ConfigureAwait(false);
            var reached = Later(position, page.DateAddedLast);
            if (page.Objects.Count > 0 || reached != position)
            {
                var outcomes = await importer.ImportAsync(ImportSources.ForConnector(source.Name), page.Objects, cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                var failures = outcomes.Where(o => !o.Succeeded)
                    .Select(o => new TaxiiImportFailureRecord(o.Id ?? "", o.Version ?? "", o.Message is { Length: > 0 } m ? m : "not imported", now))
                    .ToList();
                await store.SaveTaxiiPageAsync(source.Name, reached, outcomes.Count - failures.Count, failures, cancellationToken).ConfigureAwait(false);
            }

            var advanced = reached != position;
            position = reached;
            if (!page.More)
            {
                break;
            }

            if (page.Next is { Length: > 0 } token)
            {
                next = token;
            }
            else if (advanced)
            {
                // More without next: ask again from where this page ended.
                (queryFrom, next) = (position, null);
            }
            else
            {
                break;
            }
        }

        return position;
    }

    /// <summary><c>{collection}objects/?added_after=...&amp;limit=N&amp;next=...</c>, each value escaped; no added_after before the first page.</summary>
    public static Uri ObjectsUrl(string collectionUrl, string addedAfter, string? next)
    {
        var query = new List<string>();
        if (addedAfter.Length > 0)
        {
            query.Add("added_after=" + Uri.EscapeDataString(addedAfter));
        }

        query.Add("limit=" + PageLimit);
        if (next is not null)
        {
            query.Add("next=" + Uri.EscapeDataString(next));
        }

        return new Uri(collectionUrl + "objects/?" + string.Join('&', query));
    }

    /// <summary>
    /// The later of the stored position and a page's X-TAXII-Date-Added-Last. TAXII timestamps of one server share a
    /// format, but precision may vary (…:05Z and …:05.120Z), so they are compared as instants where they parse.
    /// </summary>
    public static string Later(string position, string? dateAddedLast)
    {
        if (string.IsNullOrEmpty(dateAddedLast))
        {
            return position;
        }

        if (position.Length == 0)
        {
            return dateAddedLast;
        }

        return TaxiiTime(dateAddedLast) is { } last && TaxiiTime(position) is { } stored
            ? last > stored ? dateAddedLast : position
            : string.CompareOrdinal(dateAddedLast, position) > 0 ? dateAddedLast : position;
    }

    private static DateTimeOffset? TaxiiTime(string text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
