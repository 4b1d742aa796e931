using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators.Tests.Storage;

public sealed class SqliteIndicatorStoreTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _directory = new();
    private SqliteIndicatorStore _store = null!;

    public Task InitializeAsync()
    {
        _store = Open();
        return Task.CompletedTask;
    }

    private SqliteIndicatorStore Open() => SqliteIndicatorStore.Open(_directory.Path, TimeProvider.System, NullLogger.Instance);

    private static Indicator Version(string id, ulong version, string value = "a.example", Tlp tlp = Tlp.Green, params Sector[] sectors) => new()
    {
        Id = id,
        Type = IndicatorType.Domain,
        Value = value,
        Tlp = tlp,
        Sectors = { sectors },
        Description = "Seen in CAMPAIGN-7",
        Tags = { "botnet" },
        Origin = new Origin { Nation = "XX", NodeId = "node-1" },
        Version = version,
        Modified = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(version)),
    };

    [Fact]
    public async Task WriteAsync_AppendsAcrossCommits_SequencesAreGapFreeAndIncreasing()
    {
        var first = await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        var second = await _store.WriteAsync(tx => new[] { tx.Append(Version("b", 1)), tx.Append(Version("a", 2)) }, CancellationToken.None);

        Assert.Equal(1ul, first);
        Assert.Equal([2ul, 3ul], second);
        Assert.Equal(3ul, _store.LastSequence);
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_OnlyThatWorkIsRolledBackAndItsSequencesReused()
    {
        var failing = _store.WriteAsync<ulong>(tx =>
        {
            tx.Append(Version("bad", 1));
            throw new InvalidOperationException("refused");
        }, CancellationToken.None);
        var succeeding = _store.WriteAsync(tx => tx.Append(Version("good", 1)), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(1ul, await succeeding);
        Assert.Null(await _store.GetAsync("bad", 0, CancellationToken.None));
        Assert.Equal(["good"], (await _store.ReadFeedAsync(0, 10, CancellationToken.None)).Select(s => s.Indicator.Id));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeItRuns_IsNotApplied()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _store.WriteAsync(tx => tx.Append(Version("a", 1)), cancelled.Token));
        Assert.Equal(0ul, _store.LastSequence);
    }

    [Fact]
    public async Task Open_AfterReopen_KeepsVersionsFeedIdAndSequence()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        var feedId = _store.FeedId;
        await _store.DisposeAsync();

        _store = Open();

        Assert.Equal(feedId, _store.FeedId);
        Assert.Equal(1ul, _store.LastSequence);
        Assert.Equal(2ul, await _store.WriteAsync(tx => tx.Append(Version("a", 2)), CancellationToken.None));
        Assert.Equal(2ul, (await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Version);
        Assert.Equal(1ul, (await _store.GetAsync("a", 1, CancellationToken.None))!.Indicator.Version);
    }

    [Fact]
    public void Open_DirectoryAlreadyInUse_Throws()
    {
        var error = Assert.Throws<IOException>(Open);
        Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Database_IsInWalMode()
    {
        using var connection = new SqliteConnection(SqliteSchema.ConnectionString(_directory.Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task FindByValue_MatchesOriginTypeAndValue()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1, "x.example")), CancellationToken.None);
        var self = new Origin { Nation = "XX", NodeId = "node-1" };

        var found = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "x.example"), CancellationToken.None);
        var otherOrigin = await _store.ReadAsync(l => l.FindByValue(new Origin { Nation = "FR", NodeId = "node-1" }, IndicatorType.Domain, "x.example"), CancellationToken.None);
        var otherType = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Url, "x.example"), CancellationToken.None);

        Assert.Equal("a", found?.Indicator.Id);
        Assert.Null(otherOrigin);
        Assert.Null(otherType);
    }

    [Fact]
    public async Task FindByValue_WorkRolledBack_IsNotFound()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.WriteAsync<int>(tx =>
        {
            tx.Append(Version("a", 1, "gone.example"));
            Assert.NotNull(tx.FindByValue(self, IndicatorType.Domain, "gone.example"));
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));

        Assert.Null(await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "gone.example"), CancellationToken.None));
        Assert.Null(await _store.WriteAsync(tx => tx.FindHeadByValue(self, IndicatorType.Domain, "gone.example"), CancellationToken.None));
    }

    [Fact]
    public async Task FindByValue_AfterUpdateAndReopen_FindsTheLatestVersion()
    {
        var self = new Origin { Nation = "XX", NodeId = "node-1" };
        await _store.WriteAsync(tx => tx.Append(Version("a", 1, "kept.example")), CancellationToken.None);
        await _store.WriteAsync(tx => tx.Append(Version("a", 2, "kept.example")), CancellationToken.None);
        await _store.DisposeAsync();

        _store = Open();
        var found = await _store.ReadAsync(l => l.FindByValue(self, IndicatorType.Domain, "kept.example"), CancellationToken.None);
        var many = await _store.ReadAsync(l => l.FindManyByValue(self, [(IndicatorType.Domain, "kept.example"), (IndicatorType.Domain, "other.example")]), CancellationToken.None);

        Assert.Equal(2ul, found?.Indicator.Version);
        Assert.Equal(2ul, Assert.Single(many).Value.Indicator.Version);
    }

    [Fact]
    public async Task ReadFeedAsync_AfterCursor_ReturnsLaterVersionsInOrder()
    {
        await _store.WriteAsync(tx => Enumerable.Range(1, 5).Select(i => tx.Append(Version("a", (ulong)i))).ToList(), CancellationToken.None);

        var page = await _store.ReadFeedAsync(2, 2, CancellationToken.None);

        Assert.Equal([3ul, 4ul], page.Select(s => s.Sequence));
        Assert.Equal([3ul, 4ul], page.Select(s => s.Indicator.Version));
    }

    [Fact]
    public async Task WaitForChangeAsync_CompletesOnlyAfterACommit()
    {
        var waiting = _store.WaitForChangeAsync(0, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task QueryAsync_EachFilter_SelectsMatchingLatestVersions()
    {
        await _store.WriteAsync(tx =>
        {
            tx.Append(Version("a", 1, "a.example", Tlp.Green, Sector.Energy));
            tx.Append(Version("b", 1, "b.example", Tlp.Red, Sector.Water));
            tx.Append(Version("a", 2, "a.example", Tlp.Amber, Sector.Energy, Sector.Water));
            var revoked = Version("c", 1, "c.example");
            revoked.Revoked = true;
            return tx.Append(revoked);
        }, CancellationToken.None);

        async Task<string[]> Ids(IndicatorFilter filter) =>
            (await _store.QueryAsync(filter, 0, 10, CancellationToken.None)).Select(s => s.Indicator.Id + s.Indicator.Version).ToArray();

        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter()));
        Assert.Equal(["b1", "a2", "c1"], await Ids(new IndicatorFilter { IncludeRevoked = true }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { Value = "a.example", Type = IndicatorType.Domain }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { Sector = Sector.Water }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { Sector = Sector.Energy }));
        Assert.Equal(["b1"], await Ids(new IndicatorFilter { Tlp = Tlp.Red }));
        Assert.Empty(await Ids(new IndicatorFilter { OriginNation = "FR" }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { OriginNation = "XX", OriginNodeId = "node-1" }));
        Assert.Equal(["a2"], await Ids(new IndicatorFilter { ModifiedSince = new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero) }));
        Assert.Equal(["b1", "a2"], await Ids(new IndicatorFilter { Text = "campaign-7" }));
        Assert.Equal(["b1"], await Ids(new IndicatorFilter { Text = "B.EXAMPLE" }));
        Assert.Empty(await Ids(new IndicatorFilter { Text = "%" }));
    }

    [Fact]
    public async Task QueryAsync_AfterSequenceAndLimit_Pages()
    {
        await _store.WriteAsync(tx => Enumerable.Range(0, 5).Select(i => tx.Append(Version("i" + i, 1, $"{i}.example"))).ToList(), CancellationToken.None);

        var page = await _store.QueryAsync(new IndicatorFilter(), 2, 2, CancellationToken.None);

        Assert.Equal([3ul, 4ul], page.Select(s => s.Sequence));
    }

    [Fact]
    public async Task SaveIdempotency_ThenFind_ReturnsTheRecord()
    {
        var expires = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await _store.WriteAsync(tx =>
        {
            tx.SaveIdempotency(new IdempotencyRecord("k", [1], [2, 3], expires));
            return 0;
        }, CancellationToken.None);

        var record = await _store.ReadAsync(l => l.FindIdempotency("k"), CancellationToken.None);

        Assert.Equal([2, 3], record?.Response);
        Assert.Equal(expires, record?.ExpiresAt);
        Assert.Null(await _store.ReadAsync(l => l.FindIdempotency("other"), CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
