using CyberPledge.Indicators.Storage;
using CyberPledge.Testing;
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

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _directory.Dispose();
    }
}
