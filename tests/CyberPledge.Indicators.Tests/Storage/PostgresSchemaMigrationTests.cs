using CyberPledge.Testing;
using CyberPledge.Indicators.Storage.Postgres;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.V1;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>The PostgreSQL store's schema migrations (CyberPledge.Storage's SchemaMigrator) and its pinned origin across replicas.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaMigrationTests(PostgresServer server) : IAsyncLifetime
{
    private readonly List<PostgresIndicatorStore> _stores = [];
    private string _connectionString = null!;

    public async Task InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    private PostgresIndicatorStore Open()
    {
        var store = PostgresIndicatorStore.Open(_connectionString, TimeProvider.System, NullLogger.Instance);
        lock (_stores)
        {
            _stores.Add(store);
        }

        return store;
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    private async Task<int[]> VersionsAsync() => (int[])(await ScalarAsync("SELECT array_agg(version ORDER BY version) FROM schema_version"))!;

    [Fact]
    public async Task Open_ReplicasStartingTogetherOnANewDatabase_ApplyEachMigrationOnce()
    {
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(Open)));

        Assert.Single(stores.Select(s => s.FeedId).Distinct());
        Assert.Equal(Enumerable.Range(1, PostgresSchema.Version).ToArray(), await VersionsAsync());
    }

    [Fact]
    public async Task Open_DatabaseAtVersion1_UpgradesToTheLatestAndKeepsItsData()
    {
        var store = Open();
        var feedId = store.FeedId;
        await store.WriteAsync(tx => tx.Append(new Indicator
        {
            Id = "a", Type = IndicatorType.Domain, Value = "a.example", Version = 1, Origin = new Origin { Nation = "XX", NodeId = "node-1" },
        }), CancellationToken.None);
        await store.DisposeAsync();
        // What a build of schema version 1 left: no node_origin table, no record of version 2.
        await ScalarAsync(UndoQuarantineMigration + "DROP TABLE node_origin; ALTER TABLE versions DROP COLUMN encoding; DELETE FROM schema_version WHERE version > 1");
        Assert.Equal(new[] { 1 }, await VersionsAsync());

        var upgraded = Open();

        Assert.Equal(Enumerable.Range(1, PostgresSchema.Version).ToArray(), await VersionsAsync());
        Assert.Equal(feedId, upgraded.FeedId);
        Assert.Equal(1ul, upgraded.LastSequence);
        Assert.Equal("a.example", (await upgraded.GetAsync("a", 0, CancellationToken.None))?.Indicator.Value);
        Assert.Equal(new NodeOrigin("XX", "node-1"), upgraded.PinOrigin(new NodeOrigin("XX", "node-1")));
    }

    /// <summary>What a build before relay paths and quarantine (schema version 3) did not have (migration 5's warning tables and 6's providers neither).</summary>
    private const string UndoQuarantineMigration = UndoWarningMigration +
        "ALTER TABLE versions DROP COLUMN relay_path; ALTER TABLE versions DROP COLUMN leaf_digest; DROP TABLE quarantine; DROP TABLE quarantined_versions; ";

    /// <summary>What a build before warning flags (schema version 4) did not have, nor the providers (6) and stored times (7) after them.</summary>
    private const string UndoWarningMigration = UndoStoredTimesMigration + "DROP TABLE foreign_providers; DROP TABLE warning_flags; DROP TABLE warning_reviews; ";

    /// <summary>What a build before stored times (schema version 6) did not have.</summary>
    private const string UndoStoredTimesMigration = UndoImportsMigration + "ALTER TABLE versions DROP COLUMN stored_us; ";

    /// <summary>What a build before imports (schema version 7) did not have.</summary>
    private const string UndoImportsMigration = "ALTER TABLE indicators DROP COLUMN imported; DROP TABLE import_promotions; ";

    [Fact]
    public async Task Open_DatabaseFromBeforeQuarantine_KeepsItsVersionsWithNoPathAndTheirDigestsFromTheBody()
    {
        using var france = new ForeignOrigin();
        var v1 = france.Sign(ForeignVersions.Unsigned());
        var store = Open();
        await store.WriteAsync(tx => tx.Append(v1), CancellationToken.None);
        await store.DisposeAsync();
        await ScalarAsync(UndoQuarantineMigration + "DELETE FROM schema_version WHERE version > 3");

        var upgraded = Open();
        var stored = (await upgraded.ReadFeedAsync(0, 1, CancellationToken.None))[0];
        await upgraded.WriteAsync(tx => { tx.Quarantine(new QuarantinedVersion(v1, QuarantineReason.Equivocation, [1], [], DateTimeOffset.UnixEpoch)); return 0; }, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, PostgresSchema.Version).ToArray(), await VersionsAsync());
        Assert.Equal(v1, stored.Indicator);
        Assert.Empty(stored.RelayPath);
        Assert.Equal(IndicatorCanonicalEncoding.LeafDigest(v1), await upgraded.ReadAsync(l => l.FindLeafDigest(v1.Id, 1), CancellationToken.None));
        Assert.NotNull((await upgraded.GetAsync(v1.Id, 0, CancellationToken.None))!.Indicator.Quarantine);
    }

    [Fact]
    public async Task Open_DatabaseFromBeforeEncodingV2_KeepsItsV1VersionsVerifiableAndRecordsV2Ones()
    {
        using var france = new ForeignOrigin();
        var v1 = france.Sign(ForeignVersions.Unsigned());
        var store = Open();
        await store.WriteAsync(tx => tx.Append(v1), CancellationToken.None);
        await store.DisposeAsync();
        // What a build before encoding v2 left: schema version 2, no encoding column.
        await ScalarAsync(UndoQuarantineMigration + "ALTER TABLE versions DROP COLUMN encoding; DELETE FROM schema_version WHERE version > 2");

        var upgraded = Open();
        var stored = (await upgraded.GetAsync(v1.Id, 0, CancellationToken.None))!.Indicator;
        await upgraded.WriteAsync(tx => tx.Append(france.SignV2(ForeignVersions.Unsigned(version: 2))), CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, PostgresSchema.Version).ToArray(), await VersionsAsync());
        Assert.Equal(v1, stored);
        Assert.True(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(stored, france.PublicKey.Span).IsValid);
        Assert.Equal(new[] { 1, 2 }, (int[])(await ScalarAsync("SELECT array_agg(encoding ORDER BY seq) FROM versions"))!);
    }

    [Fact]
    public async Task PinOrigin_ReplicasStartingTogetherWithDifferentOrigins_AllGetTheSameOne()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => Open()).ToList();

        var pinned = await Task.WhenAll(stores.Select((store, i) => Task.Run(() => store.PinOrigin(new NodeOrigin("XX", "node-" + i)))));

        Assert.Single(pinned.Distinct());
        Assert.All(stores, store => Assert.Equal(pinned[0], store.PinnedOrigin));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM node_origin"));
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
