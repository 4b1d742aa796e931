using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Indicators.Tests.Storage;

/// <summary>What only the SQLite store does: one process per data directory, WAL. The contract is in <see cref="IndicatorStoreContractTests"/>.</summary>
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

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(SqliteSchema.ConnectionString(_directory.Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private string Versions() => Concat("SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)");

    private string Concat(string sql)
    {
        using var connection = new SqliteConnection(SqliteSchema.ConnectionString(_directory.Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>What a build before relay paths and quarantine (schema version 3) did not have (migration 5's warning tables and 6's providers neither).</summary>
    private const string UndoQuarantineMigration = UndoWarningMigration +
        "ALTER TABLE versions DROP COLUMN relay_path; ALTER TABLE versions DROP COLUMN leaf_digest; DROP TABLE quarantine; DROP TABLE quarantined_versions;";

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
        await _store.WriteAsync(tx => tx.Append(v1), CancellationToken.None);
        await _store.DisposeAsync();
        Execute(UndoQuarantineMigration + "DELETE FROM schema_version WHERE version > 3");

        _store = Open();
        var stored = (await _store.ReadFeedAsync(0, 1, CancellationToken.None))[0];
        await _store.WriteAsync(tx => { tx.Quarantine(new QuarantinedVersion(v1, QuarantineReason.Equivocation, [1], [], DateTimeOffset.UnixEpoch)); return 0; }, CancellationToken.None);

        Assert.Equal(string.Join(',', Enumerable.Range(1, SqliteSchema.Version)), Versions());
        Assert.Equal(v1, stored.Indicator);
        Assert.Empty(stored.RelayPath);
        Assert.Equal(IndicatorCanonicalEncoding.LeafDigest(v1), await _store.ReadAsync(l => l.FindLeafDigest(v1.Id, 1), CancellationToken.None));
        Assert.NotNull((await _store.GetAsync(v1.Id, 0, CancellationToken.None))!.Indicator.Quarantine);
    }

    [Fact]
    public async Task Open_DatabaseFromBeforeEncodingV2_KeepsItsV1VersionsVerifiableAndRecordsV2Ones()
    {
        using var france = new ForeignOrigin();
        var v1 = france.Sign(ForeignVersions.Unsigned());
        await _store.WriteAsync(tx => tx.Append(v1), CancellationToken.None);
        await _store.DisposeAsync();
        // What a build before encoding v2 left: schema version 2, no encoding column.
        Execute(UndoQuarantineMigration + "ALTER TABLE versions DROP COLUMN encoding; DELETE FROM schema_version WHERE version > 2");

        _store = Open();
        var stored = (await _store.GetAsync(v1.Id, 0, CancellationToken.None))!.Indicator;
        await _store.WriteAsync(tx => tx.Append(france.SignV2(ForeignVersions.Unsigned(version: 2))), CancellationToken.None);

        Assert.Equal(string.Join(',', Enumerable.Range(1, SqliteSchema.Version)), Versions());
        Assert.Equal(v1, stored);
        Assert.True(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(stored, france.PublicKey.Span).IsValid);
        Assert.Equal("1,2", Concat("SELECT group_concat(encoding, ',') FROM (SELECT encoding FROM versions ORDER BY seq)"));
    }

    [Fact]
    public async Task Open_DatabaseOfABuildBeforeVersioning_IsVersion1ThenUpgradedWithItsDataKept()
    {
        await _store.WriteAsync(tx => tx.Append(new Indicator
        {
            Id = "a", Type = IndicatorType.Domain, Value = "a.example", Version = 1, Origin = new Origin { Nation = "XX", NodeId = "node-1" },
        }), CancellationToken.None);
        var feedId = _store.FeedId;
        await _store.DisposeAsync();
        // What builds before versioning left: schema 1's tables, no schema_version, no node_origin.
        Execute(UndoQuarantineMigration + "DROP TABLE schema_version; DROP TABLE node_origin; ALTER TABLE versions DROP COLUMN encoding");

        _store = Open();

        Assert.Equal(string.Join(',', Enumerable.Range(1, SqliteSchema.Version)), Versions());
        Assert.Equal(feedId, _store.FeedId);
        Assert.Equal(1ul, _store.LastSequence);
        Assert.Equal("a.example", (await _store.GetAsync("a", 0, CancellationToken.None))?.Indicator.Value);
        Assert.Equal("a", (await _store.ReadAsync(lookup => lookup.FindHeadByValue(new Origin { Nation = "XX", NodeId = "node-1" }, IndicatorType.Domain, "a.example"), CancellationToken.None))?.Id);
    }

    [Fact]
    public async Task Open_SchemaOfANewerBuild_ThrowsAndReleasesTheDirectory()
    {
        await _store.DisposeAsync();
        Execute("INSERT INTO schema_version (version) VALUES (999)");

        var error = Assert.Throws<InvalidOperationException>(Open);

        Assert.Equal($"The indicator store's schema is version 999, newer than this build's {SqliteSchema.Version}: run a build at least as new.", error.Message);
        Execute("DELETE FROM schema_version WHERE version = 999");
        _store = Open();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
