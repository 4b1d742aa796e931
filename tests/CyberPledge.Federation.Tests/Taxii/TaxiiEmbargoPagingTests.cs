using CyberPledge.Federation.Node;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Taxii;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using static CyberPledge.Federation.Tests.Support.FeedData;

namespace CyberPledge.Federation.Tests.Taxii;

/// <summary>
/// A grantee under an embargo (docs/taxii.md "Paging"): a version's objects are dated from its release when that is
/// later than when this node stored it, the collection is ordered by that date, and neither <c>added_after</c> nor
/// <c>next</c> skips or repeats a version released between two polls. Pages are read in process on Federation's manual
/// clock; Indicators stores on the real clock.
/// </summary>
public sealed class TaxiiEmbargoPagingTests
{
    private static readonly TimeSpan Embargo = TimeSpan.FromHours(1);
    private static readonly TaxiiCaller Japan = new("taxii-credential:jpn-soc", "JPN");

    [Fact]
    public async Task AddedAfter_VersionReleasedAfterAPoll_DatedFromItsRelease_TheNextPollFindsIt()
    {
        await using var host = await StartAsync();
        var early = await SubmitAndGetAsync(host, "early.example");
        await Task.Delay(50);
        var late = await SubmitAndGetAsync(host, "late.example");
        var (earlyMade, lateMade) = (Made(early), Made(late));
        SetClock(host, earlyMade + Embargo + ((lateMade - earlyMade) / 2));

        var first = await PageAsync(host, Filters(limit: 10));

        var only = Assert.Single(first.Items);
        Assert.Equal(early.Id, Id(only));
        Assert.Equal(Microseconds(earlyMade + Embargo), only.DateAdded);
        Assert.Equal(only.DateAdded, first.LastAdded);
        Assert.False(first.More);

        SetClock(host, lateMade + Embargo + TimeSpan.FromSeconds(1));
        var second = await PageAsync(host, Filters(limit: 10, addedAfter: first.LastAdded));

        // Dated when it was stored, the late version would fall before the first poll's last date and be missed.
        var released = Assert.Single(second.Items);
        Assert.Equal(late.Id, Id(released));
        Assert.Equal(Microseconds(lateMade + Embargo), released.DateAdded);
        Assert.True(released.DateAdded > first.LastAdded);
    }

    [Fact]
    public async Task Paging_RelayedVersionsMadeEarlier_InReleaseOrder_NextAndAddedAfterEachGiveEveryVersionOnce()
    {
        using var directory = new TemporaryDirectory();
        using var france = NodeSigningKey.LoadOrCreate(directory.Path);
        await using var host = await StartAsync();
        var now = DateTimeOffset.UtcNow;
        var own = new List<Indicator>();
        for (var i = 1; i <= 3; i++)
        {
            own.Add(await SubmitAndGetAsync(host, $"own-{i}.example"));
        }

        // Received after this node's own, but made at France 30 minutes ago: released half an hour before them.
        var relayed = new List<Indicator>();
        for (var i = 1; i <= 3; i++)
        {
            var made = Timestamp.FromDateTimeOffset(now - TimeSpan.FromMinutes(31 - i));
            var version = ForeignVersion(france, "FRA", $"relayed-{i}.example", Tlp.Green, new RelayAudience { Tiers = { Tier.Partner } }, Tlp.Green,
                v => v.Created = v.Modified = made);
            Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(host, france, version));
            relayed.Add(version);
        }

        own.Add(await SubmitAndGetAsync(host, "own-4.example"));
        SetClock(host, now + (2 * Embargo));
        List<string> expected = [.. relayed.Select(v => v.Id), .. own.Select(v => v.Id)];

        var byNext = await WalkAsync(host, limit: 2, useNext: true);
        var byAddedAfter = await WalkAsync(host, limit: 2, useNext: false);

        Assert.Equal(expected, byNext.Select(Id));
        Assert.Equal(expected, byAddedAfter.Select(Id));
        Assert.Equal(byNext.Select(i => i.DateAdded).Order(), byNext.Select(i => i.DateAdded));
        Assert.All(relayed.Zip(byNext), pair => Assert.Equal(Microseconds(Made(pair.First) + Embargo), pair.Second.DateAdded));
    }

    [Fact]
    public async Task Next_TakenBeforeAnEarlierStoredVersionIsReleased_TheFollowingPageIncludesIt()
    {
        await using var host = await StartAsync();
        var versions = new List<Indicator>();
        for (var i = 1; i <= 3; i++)
        {
            versions.Add(await SubmitAndGetAsync(host, $"v{i}.example"));
            await Task.Delay(50);
        }

        // The first two released, the third not yet.
        SetClock(host, Made(versions[1]) + Embargo + ((Made(versions[2]) - Made(versions[1])) / 2));
        var first = await PageAsync(host, Filters(limit: 1));
        Assert.Equal([versions[0].Id], first.Items.Select(Id));
        Assert.True(first.More);

        SetClock(host, Made(versions[2]) + Embargo + TimeSpan.FromSeconds(1));
        var rest = await PageAsync(host, Filters(limit: 10, next: first.Next));

        Assert.Equal([versions[1].Id, versions[2].Id], rest.Items.Select(Id));
        Assert.False(rest.More);
    }

    [Fact]
    public async Task Embargo_VersionNotYetReleased_NotServed_AndStaffSeeItDatedWhenStored()
    {
        await using var host = await StartAsync();
        var held = await SubmitAndGetAsync(host, "held.example");

        var partner = await PageAsync(host, Filters(limit: 10));
        var staff = await PageAsync(host, Filters(limit: 10), new TaxiiCaller("analyst", null));

        Assert.Empty(partner.Items);
        var item = Assert.Single(staff.Items);
        Assert.Equal(held.Id, Id(item));
        Assert.True(item.DateAdded < Made(held) + TimeSpan.FromMinutes(1), "staff see the stored time, not a release");
    }

    private static Task<FeedHost> StartAsync() =>
        FeedHost.StartAsync(Agreement("JPN", Tier.Partner, r =>
        {
            r.Embargo = Duration.FromTimeSpan(Embargo);
            r.MayReshare = true;
            r.HopLimit = 2;
        }));

    private static async Task<Indicator> SubmitAndGetAsync(FeedHost host, string name)
    {
        var response = await host.Indicators.SubmitAsync(new SubmitRequest { Indicators = { Domain(name) } });
        Assert.Equal(SubmitOutcome.Created, response.Results[0].Outcome);
        return await host.Indicators.GetAsync(new GetRequest { Id = response.Results[0].Id });
    }

    private static DateTimeOffset Made(Indicator version) => (version.Modified ?? version.Created).ToDateTimeOffset();

    private static DateTimeOffset Microseconds(DateTimeOffset time) => new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static string Id(TaxiiItem item) => item.Change!.Indicator.Id;

    private static void SetClock(FeedHost host, DateTimeOffset at)
    {
        Assert.True(at >= host.Time.GetUtcNow(), "the manual clock only moves forward");
        host.Time.Advance(at - host.Time.GetUtcNow());
    }

    /// <summary>The indicator objects only (the shared markings and identities come first and are not what is tested).</summary>
    private static TaxiiFilters Filters(int limit, DateTimeOffset? addedAfter = null, string? next = null) =>
        new("objects", addedAfter, limit, next, null, new HashSet<string> { "indicator" }, VersionMatch.Default, true);

    private static async Task<TaxiiPage> PageAsync(FeedHost host, TaxiiFilters filters, TaxiiCaller? caller = null)
    {
        caller ??= Japan;
        var collection = (await host.Service<TaxiiCollections>().ListAsync(caller, CancellationToken.None)).Single();
        var view = new TaxiiView(caller, host.Service<FeedPolicy>(), host.Service<NodeServices>(), host.Time, CancellationToken.None);
        return await host.Service<TaxiiPager>().ReadAsync(view, collection, filters, CancellationToken.None);
    }

    /// <summary>Every page from the start, following <c>next</c>, or polling with the last page's X-TAXII-Date-Added-Last.</summary>
    private static async Task<List<TaxiiItem>> WalkAsync(FeedHost host, int limit, bool useNext)
    {
        var items = new List<TaxiiItem>();
        var page = await PageAsync(host, Filters(limit));
        items.AddRange(page.Items);
        for (var pages = 1; page.Items.Count > 0 && (page.More || !useNext); pages++)
        {
            Assert.True(pages < 50, "the walk does not end");
            page = await PageAsync(host, useNext ? Filters(limit, next: page.Next) : Filters(limit, addedAfter: page.LastAdded));
            items.AddRange(page.Items);
        }

        return items;
    }
}
