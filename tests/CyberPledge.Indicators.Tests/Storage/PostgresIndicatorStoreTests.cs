using CyberPledge.Indicators.Storage.Postgres;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>
/// What only the PostgreSQL store does: several replicas on one database (one feed, sequences
/// serialized across them, LISTEN/NOTIFY), a versioned schema, reconnection. The contract is in
/// <see cref="IndicatorStoreContractTests"/>.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresIndicatorStoreTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly List<PostgresIndicatorStore> _stores = [];
    private string _connectionString = null!;

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    private PostgresIndicatorStore Open()
    {
        var store = PostgresIndicatorStore.Open(_connectionString, TimeProvider.System, NullLogger.Instance);
        _stores.Add(store);
        return store;
    }

    private static Indicator Version(string id, ulong version = 1) => new()
    {
        Id = id,
        Type = IndicatorType.Domain,
        Value = id + ".example",
        Tlp = Tlp.Green,
        Origin = new Origin { Nation = "XX", NodeId = "node-1" },
        Version = version,
    };

    [Fact]
    public async Task WriteAsync_TwoReplicasConcurrently_ShareOneGapFreeFeed()
    {
        var first = Open();
        var second = Open();

        var writes = Enumerable.Range(0, 100)
            .Select(i => (i % 2 == 0 ? first : second).WriteAsync(tx => tx.Append(Version("r" + i)), CancellationToken.None));
        var sequences = await Task.WhenAll(writes);

        Assert.Equal(first.FeedId, second.FeedId);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), sequences.Order());
        var feed = await second.ReadFeedAsync(0, 1000, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), feed.Select(s => s.Sequence));
        await first.WaitForChangeAsync(99, CancellationToken.None).WaitAsync(Patience);
        await second.WaitForChangeAsync(99, CancellationToken.None).WaitAsync(Patience);
    }

    [Fact]
    public async Task WaitForChangeAsync_CommitOnAnotherReplica_CompletesThroughNotify()
    {
        var writer = Open();
        var watcher = Open();
        var waiting = watcher.WaitForChangeAsync(0, CancellationToken.None);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await writer.WriteAsync(tx => tx.Append(Version("a")), CancellationToken.None);

        // Well under the listener's quiet-channel poll (15 s): the notification woke it.
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1ul, watcher.LastSequence);
        Assert.Equal("a", Assert.Single(await watcher.ReadFeedAsync(0, 10, CancellationToken.None)).Indicator.Id);
    }

    [Fact]
    public async Task ReadFeedAsync_WhileTwoReplicasWrite_NeverSeesASequenceBeforeTheOnesBelowIt()
    {
        const int Writes = 200;
        var first = Open();
        var second = Open();
        var reader = Open();
        var writes = Task.WhenAll(Enumerable.Range(0, Writes)
            .Select(i => Task.Run(() => (i % 2 == 0 ? first : second).WriteAsync(tx => tx.Append(Version("o" + i)), CancellationToken.None))));

        ulong cursor = 0;
        while (cursor < Writes)
        {
            var page = await reader.ReadFeedAsync(cursor, 16, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, page.Count).Select(i => cursor + (ulong)i), page.Select(s => s.Sequence));
            if (page.Count == 0)
            {
                await reader.WaitForChangeAsync(cursor, CancellationToken.None).WaitAsync(Patience);
            }
            else
            {
                cursor = page[^1].Sequence;
            }
        }

        await writes;
    }

    [Fact]
    public async Task Open_Again_KeepsTheSchemaAtItsVersion()
    {
        await Open().DisposeAsync();
        await Open().DisposeAsync();

        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand("SELECT array_agg(version ORDER BY version) FROM schema_version");
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Version).ToArray(), (int[])(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Open_SchemaOfANewerBuild_Throws()
    {
        await Open().DisposeAsync();
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        await using (var command = dataSource.CreateCommand("INSERT INTO schema_version (version) VALUES (999)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var error = Assert.Throws<InvalidOperationException>(() => Open());

        Assert.Contains("newer than this build", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_AfterTheServerDroppedTheStoresConnections_ReconnectsAndIsHeard()
    {
        var writer = Open();
        var watcher = Open();
        await writer.WriteAsync(tx => tx.Append(Version("a")), CancellationToken.None);
        await watcher.WaitForChangeAsync(0, CancellationToken.None).WaitAsync(Patience);
        Assert.Single(await watcher.ReadFeedAsync(0, 10, CancellationToken.None));

        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        await using (var command = dataSource.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
        {
            // At least the writer's connection and both listeners.
            Assert.True((long)(await command.ExecuteScalarAsync())! >= 3);
        }

        Assert.Equal(2ul, await writer.WriteAsync(tx => tx.Append(Version("b")), CancellationToken.None));
        await watcher.WaitForChangeAsync(1, CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(2ul, watcher.LastSequence);
        Assert.Equal(2, (await watcher.ReadFeedAsync(0, 10, CancellationToken.None)).Count);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
