using System.Text.Json;
using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Taxii.Connector;
using CyberPledge.Federation.Tests.Support;

namespace CyberPledge.Federation.Tests.Taxii.Connector;

/// <summary>One poll's paging and position: pages followed by next while more, the position advanced only after a page's import.</summary>
public sealed class TaxiiSourcePollTests
{
    private const string Collection = "https://taxii.example:8443/api1/collections/c1/";

    private readonly MemoryFederationStore _store = new();
    private readonly RecordingImporter _importer = new();

    [Fact]
    public async Task Run_ThreePagesWithNext_ImportsEachUnderTheConnectorSource_PositionAtTheLastPage()
    {
        var pages = new ScriptedPages(
            Page(more: true, next: "p2", last: "2026-01-01T00:00:01.000000Z", "indicator--1", "indicator--2"),
            Page(more: true, next: "p3", last: "2026-01-01T00:00:02.000000Z", "malware--3"),
            Page(more: false, next: null, last: "2026-01-01T00:00:03.000000Z", "indicator--4"));
        var source = await AddAsync();

        var reached = await Poll().RunAsync(source, pages, CancellationToken.None);

        Assert.Equal("2026-01-01T00:00:03.000000Z", reached);
        Assert.Equal(["indicator--1", "indicator--2", "malware--3", "indicator--4"], _importer.ImportedIds());
        Assert.All(_importer.Calls, c => Assert.Equal("taxii-connector:nld", c.Source));
        Assert.Equal(
            [Collection + "objects/?limit=500", Collection + "objects/?limit=500&next=p2", Collection + "objects/?limit=500&next=p3"],
            pages.Asked.Select(u => u.ToString()));
        var stored = (await _store.TaxiiSourcesAsync(default)).Single();
        Assert.Equal(("2026-01-01T00:00:03.000000Z", 3L, 1L), (stored.Position, stored.Imported, stored.Failed));
        var failure = (await _store.TaxiiImportFailuresAsync("nld", 10, default)).Single();
        Assert.Equal(("malware--3", "2026-01-01T00:00:00.000Z"), (failure.StixId, failure.Version));
        Assert.Contains("cannot be imported", failure.Reason);
    }

    [Fact]
    public async Task Run_ImportOfSecondPageFails_PositionStaysAtTheFirstPage_NextPollAsksFromThere()
    {
        _importer.Throw = call => call == 2;
        var source = await AddAsync();
        var pages = new ScriptedPages(
            Page(more: true, next: "p2", last: "2026-01-01T00:00:01Z", "indicator--1"),
            Page(more: false, next: null, last: "2026-01-01T00:00:02Z", "indicator--2"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Poll().RunAsync(source, pages, CancellationToken.None));
        var stored = (await _store.TaxiiSourcesAsync(default)).Single();
        var again = new ScriptedPages(Page(more: false, next: null, last: "2026-01-01T00:00:02Z", "indicator--2"));
        await Poll().RunAsync(stored, again, CancellationToken.None);

        Assert.Equal("2026-01-01T00:00:01Z", stored.Position);
        Assert.Equal(Collection + "objects/?added_after=2026-01-01T00%3A00%3A01Z&limit=500", again.Asked.Single().ToString());
        Assert.Equal("2026-01-01T00:00:02Z", (await _store.TaxiiSourcesAsync(default)).Single().Position);
    }

    [Fact]
    public async Task Run_MoreWithoutNext_AsksAgainFromTheNewPosition_StopsWhenAPageDoesNotAdvance()
    {
        var source = await AddAsync();
        var pages = new ScriptedPages(
            Page(more: true, next: null, last: "2026-01-01T00:00:01Z", "indicator--1"),
            Page(more: true, next: null, last: "2026-01-01T00:00:01Z"));

        var reached = await Poll().RunAsync(source, pages, CancellationToken.None);

        Assert.Equal("2026-01-01T00:00:01Z", reached);
        Assert.Equal(2, pages.Asked.Count);
        Assert.Contains("added_after=2026-01-01T00%3A00%3A01Z", pages.Asked[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_EmptyCollection_ImportsNothing_PositionStaysEmpty()
    {
        var source = await AddAsync();

        var reached = await Poll().RunAsync(source, new ScriptedPages(Page(more: false, next: null, last: null)), CancellationToken.None);

        Assert.Equal("", reached);
        Assert.Empty(_importer.Calls);
    }

    [Theory]
    [InlineData("", "2026-01-01T00:00:05Z", "2026-01-01T00:00:05Z")]
    [InlineData("2026-01-01T00:00:05.120Z", "2026-01-01T00:00:05Z", "2026-01-01T00:00:05.120Z")]
    [InlineData("2026-01-01T00:00:05Z", "2026-01-01T00:00:05.000001Z", "2026-01-01T00:00:05.000001Z")]
    [InlineData("2026-01-01T00:00:05Z", null, "2026-01-01T00:00:05Z")]
    public void Later_ComparesInstantsWhateverTheirPrecision(string position, string? last, string expected) =>
        Assert.Equal(expected, TaxiiSourcePoll.Later(position, last));

    [Fact]
    public void Backoff_DoublesPerFailure_UpToAnHour()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), TaxiiConnector.Backoff(TimeSpan.FromSeconds(10), 1));
        Assert.Equal(TimeSpan.FromSeconds(40), TaxiiConnector.Backoff(TimeSpan.FromSeconds(10), 3));
        Assert.Equal(TimeSpan.FromHours(1), TaxiiConnector.Backoff(TimeSpan.FromSeconds(10), 40));
        Assert.Equal(TimeSpan.FromDays(1), TaxiiConnector.Backoff(TimeSpan.FromDays(1), 5));
    }

    private TaxiiSourcePoll Poll() => new(_store, _importer, TimeProvider.System);

    private async Task<StoredTaxiiSource> AddAsync()
    {
        var source = new StoredTaxiiSource("nld", Collection, "none", [], "", TimeSpan.FromMinutes(5), "alice (admin)", DateTimeOffset.UtcNow);
        Assert.True(await _store.AddTaxiiSourceAsync(source, default));
        return source;
    }

    private static TaxiiSourcePage Page(bool more, string? next, string? last, params string[] ids) => new(
        [.. ids.Select(id => JsonDocument.Parse($$"""{"type":"{{id.Split("--")[0]}}","id":"{{id}}","modified":"2026-01-01T00:00:00.000Z"}""").RootElement.Clone())],
        more, next, last);

    private sealed class ScriptedPages(params TaxiiSourcePage[] pages) : ITaxiiPageSource
    {
        public List<Uri> Asked { get; } = [];

        public Task<TaxiiSourcePage> FetchAsync(Uri url, CancellationToken cancellationToken)
        {
            Asked.Add(url);
            return Task.FromResult(pages[Asked.Count - 1]);
        }
    }
}
