using CyberPledge.Indicators.Storage;
using CyberPledge.Indicators.Tests.Support;
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

    private string Versions()
    {
        using var connection = new SqliteConnection(SqliteSchema.ConnectionString(_directory.Path));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)";
        return (string)command.ExecuteScalar()!;
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
        Execute("DROP TABLE schema_version; DROP TABLE node_origin");

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
