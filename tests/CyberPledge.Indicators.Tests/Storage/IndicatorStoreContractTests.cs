using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>
/// The store contract (<see cref="IIndicatorStore"/>): every implementation passes these tests,
/// through a subclass that says how to open it (SQLite, PostgreSQL). What only one store does
/// (SQLite's directory lock and WAL, PostgreSQL's replicas) is tested in that store's own class.
/// </summary>
public abstract partial class IndicatorStoreContractTests : IAsyncLifetime
{
    private IIndicatorStore _store = null!;

    /// <summary>Opens the store under test: a new, empty one at a test's first call; the same data at later calls (a restart).</summary>
    protected abstract Task<IIndicatorStore> OpenAsync();

    /// <summary>Deletes what the store left behind, after it was disposed.</summary>
    protected virtual Task CleanUpAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _store = await OpenAsync();

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

        _store = await OpenAsync();

        Assert.Equal(feedId, _store.FeedId);
        Assert.Equal(1ul, _store.LastSequence);
        Assert.Equal(2ul, await _store.WriteAsync(tx => tx.Append(Version("a", 2)), CancellationToken.None));
        Assert.Equal(2ul, (await _store.GetAsync("a", 0, CancellationToken.None))!.Indicator.Version);
        Assert.Equal(1ul, (await _store.GetAsync("a", 1, CancellationToken.None))!.Indicator.Version);
    }

    [Fact]
    public async Task WriteAsync_WorkBreaksAConstraint_OnlyThatWorkFails()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        // The same (id, version) twice: the database refuses it, whenever the store sends the write.
        var failing = _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);
        var succeeding = _store.WriteAsync(tx => tx.Append(Version("b", 1)), CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => failing);
        Assert.Equal(2ul, await succeeding);
        Assert.Equal(2ul, _store.LastSequence);
        Assert.Equal([1ul, 2ul], (await _store.ReadFeedAsync(0, 10, CancellationToken.None)).Select(s => s.Sequence));
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWorks_EachGetsItsOwnSequencesAndAllAreDurable()
    {
        var writes = Enumerable.Range(0, 40)
            .Select(i => _store.WriteAsync(tx => tx.Append(Version("w" + i, 1, $"{i}.example")), CancellationToken.None))
            .ToList();

        var sequences = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (ulong)i), sequences.Order());
        await _store.DisposeAsync();
        _store = await OpenAsync();
        Assert.Equal(40ul, _store.LastSequence);
        Assert.Equal(sequences.Order(), (await _store.ReadFeedAsync(0, 100, CancellationToken.None)).Select(s => s.Sequence));
    }

    [Fact]
    public async Task GetAsync_UnknownIdOrVersion_ReturnsNull()
    {
        await _store.WriteAsync(tx => tx.Append(Version("a", 1)), CancellationToken.None);

        Assert.Null(await _store.GetAsync("b", 0, CancellationToken.None));
        Assert.Null(await _store.GetAsync("a", 2, CancellationToken.None));
        Assert.Equal(1ul, (await _store.GetAsync("a", 1, CancellationToken.None))?.Sequence);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await CleanUpAsync();
    }
}
