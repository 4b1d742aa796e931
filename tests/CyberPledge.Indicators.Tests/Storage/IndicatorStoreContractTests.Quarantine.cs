using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>Relay paths, leaf digests and quarantine (SECURITY.md rule 8), on every store.</summary>
public abstract partial class IndicatorStoreContractTests
{
    private static readonly RelayHop[] TwoHops = [new() { Nation = "DEU", NodeId = "berlin" }, new() { Nation = "NLD", NodeId = "hague" }];

    private static QuarantinedVersion Evidence(Indicator version, QuarantineReason reason = QuarantineReason.Equivocation) =>
        new(version, reason, [1, 2, 3], TwoHops, new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Append_WithReceivedCopy_FeedCarriesRelayPathAndLeafDigestIsKept()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1), new ReceivedCopy(TwoHops, [9, 9])), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("b", 1)), CancellationToken.None);

        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);

        Assert.Equal(TwoHops, feed[0].RelayPath);
        Assert.Empty(feed[1].RelayPath);
        Assert.Equal([9, 9], await _store.ReadAsync(l => l.FindLeafDigest("a", 1), CancellationToken.None));
        Assert.Null(await _store.ReadAsync(l => l.FindLeafDigest("a", 2), CancellationToken.None));
    }

    [Fact]
    public async Task FindLeafDigest_VersionStoredWithoutOne_IsComputedFromItsBody()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        var digest = await _store.ReadAsync(l => l.FindLeafDigest("a", 1), CancellationToken.None);

        Assert.Equal(Signing.IndicatorCanonicalEncoding.LeafDigest(Version("a", 1)), digest);
    }

    [Fact]
    public async Task Quarantine_MarksTheIndicatorOnGetQueryAndFeed_AndSurvivesLaterVersions()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("b", 1, "b.example")), CancellationToken.None);

        await _store.WriteAsync(tx =>
        {
            tx.Quarantine(Evidence(Version("a", 1)));
            return tx.Append(Version("a", 2));
        }, CancellationToken.None);

        var latest = (await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator;
        Assert.Equal(2ul, latest.Version);
        Assert.Equal(QuarantineReason.Equivocation, latest.Quarantine.Reason);
        Assert.Equal(1ul, latest.Quarantine.Version);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero), latest.Quarantine.Since.ToDateTimeOffset());
        Assert.NotNull((await _store.GetAsync("a", 1, CancellationToken.None))!.Indicator.Quarantine);
        var query = await _store.QueryAsync(new IndicatorFilter(), 0, 10, CancellationToken.None);
        Assert.Equal([("b", false), ("a", true)], query.Select(s => (s.Indicator.Id, s.Indicator.Quarantine is not null)));
        var feed = await _store.ReadFeedAsync(0, 10, CancellationToken.None);
        Assert.Equal([true, false, true], feed.Select(s => s.Indicator.Quarantine is not null));
    }

    [Fact]
    public async Task Quarantine_SameEvidenceTwice_KeptOnceAndFirstReasonStays()
    {
        var forked = Version("a", 1, "a.example", Tlp.Amber);

        await _store.WriteAsync(tx => { tx.Quarantine(Evidence(forked)); return 0; }, CancellationToken.None);
        await _store.WriteAsync(tx => { tx.Quarantine(Evidence(forked)); tx.Quarantine(Evidence(Version("a", 99), QuarantineReason.VersionJump)); return 0; }, CancellationToken.None);

        var evidence = await _store.ReadAsync(l => l.FindQuarantinedVersions("a"), CancellationToken.None);
        Assert.Equal([(1ul, QuarantineReason.Equivocation), (99ul, QuarantineReason.VersionJump)], evidence.Select(e => (e.Version.Version, e.Reason)));
        Assert.Equal(forked, evidence[0].Version);
        Assert.Equal(TwoHops, evidence[0].RelayPath);
        Assert.Equal([1, 2, 3], evidence[0].LeafDigest);
        Assert.Equal(0ul, _store.LastSequence);
    }

    [Fact]
    public async Task Quarantine_WorkThrows_IsRolledBack()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.Quarantine(Evidence(Version("a", 1)));
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));

        Assert.Null((await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Quarantine);
        Assert.Empty(await _store.ReadAsync(l => l.FindQuarantinedVersions("a"), CancellationToken.None));
    }

    [Fact]
    public async Task Quarantine_AfterReopen_IsStillThere()
    {
        await _store.WriteAsync(tx => { tx.Append(Version("a", 1), new ReceivedCopy(TwoHops, [7])); tx.Quarantine(Evidence(Version("a", 1))); return 0; }, CancellationToken.None);
        await _store.DisposeAsync();

        _store = await OpenAsync();

        Assert.NotNull((await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Quarantine);
        Assert.Equal(TwoHops, (await _store.ReadFeedAsync(0, 1, CancellationToken.None))[0].RelayPath);
    }
}
