using CyberPledge.Storage.Leases;
using CyberPledge.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CyberPledge.Storage.Tests.Leases;

/// <summary>The tests that share one <see cref="PostgresServer"/>; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>A database with the lease tables, on SQLite or PostgreSQL, and a way to run SQL on it.</summary>
public interface ILeaseDatabase : IAsyncDisposable
{
    ILeaseStore Leases { get; }

    /// <summary>Runs <paramref name="sql"/> and returns the first column of the first row, if any.</summary>
    Task<object?> ScalarAsync(string sql);

    /// <summary>One transaction: admits <paramref name="fencing"/> for <paramref name="lease"/>, and only then inserts <paramref name="item"/>.</summary>
    Task<bool> FencedInsertAsync(string lease, long fencing, string item);
}

internal sealed class SqliteLeaseDatabase : ILeaseDatabase
{
    private readonly TemporaryDirectory _directory = new();
    private readonly string _connectionString;

    public SqliteLeaseDatabase(TimeProvider time)
    {
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory.Path, "leases.db"), Pooling = false }.ToString();
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;" + LeaseSchema.Sqlite + "CREATE TABLE items (value TEXT NOT NULL);";
        command.ExecuteNonQuery();
        Leases = new SqliteLeaseStore(_connectionString + ";Default Timeout=5", time);
    }

    public ILeaseStore Leases { get; }

    public Task<object?> ScalarAsync(string sql)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Task.FromResult(command.ExecuteScalar());
    }

    public Task<bool> FencedInsertAsync(string lease, long fencing, string item)
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        if (!Fences.Admit(connection, transaction, lease, fencing))
        {
            transaction.Rollback();
            return Task.FromResult(false);
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO items (value) VALUES ($v)";
        command.Parameters.AddWithValue("$v", item);
        command.ExecuteNonQuery();
        transaction.Commit();
        return Task.FromResult(true);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgresLeaseDatabase(NpgsqlDataSource dataSource) : ILeaseDatabase
{
    public static async Task<PostgresLeaseDatabase> CreateAsync(PostgresServer server)
    {
        var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await using var command = dataSource.CreateCommand(LeaseSchema.Postgres + "CREATE TABLE items (value TEXT NOT NULL);");
        await command.ExecuteNonQueryAsync();
        return new PostgresLeaseDatabase(dataSource);
    }

    public ILeaseStore Leases { get; } = new PostgresLeaseStore(dataSource);

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }

    public async Task<bool> FencedInsertAsync(string lease, long fencing, string item)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await Fences.AdmitAsync(connection, transaction, lease, fencing, CancellationToken.None))
        {
            await transaction.RollbackAsync();
            return false;
        }

        await using var command = new NpgsqlCommand("INSERT INTO items (value) VALUES (@v)", connection, transaction);
        command.Parameters.AddWithValue("v", item);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        return true;
    }

    public async ValueTask DisposeAsync() => await dataSource.DisposeAsync();
}
