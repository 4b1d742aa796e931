using Microsoft.Data.Sqlite;

namespace CyberPledge.Storage.Tests;

public sealed class RawStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public RawStatementTests()
    {
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "CREATE TABLE rows (id INTEGER PRIMARY KEY, name TEXT NOT NULL, body BLOB NOT NULL)";
        command.ExecuteNonQuery();
    }

    [Fact]
    public void Execute_Repeatedly_InsertsEachBinding()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO rows (id, name, body) VALUES (?1, ?2, ?3)");

        insert.Bind(1, 1).Bind(2, "one").Bind(3, [1, 2]).Execute();
        insert.Bind(1, 2).Bind(2, "two").Bind(3, [3]).Execute();

        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name || ':' || hex(body), ',') FROM (SELECT name, body FROM rows ORDER BY id)";
        Assert.Equal("one:0102,two:03", command.ExecuteScalar());
    }

    [Fact]
    public void Execute_ConstraintBroken_ThrowsSqliteExceptionAndTheStatementStaysUsable()
    {
        using var insert = new RawStatement(_connection, "INSERT INTO rows (id, name, body) VALUES (?1, ?2, ?3)");
        insert.Bind(1, 1).Bind(2, "one").Bind(3, [1]).Execute();

        var error = Assert.Throws<SqliteException>(() => insert.Bind(1, 1).Bind(2, "again").Bind(3, [1]).Execute());

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        insert.Bind(1, 2).Bind(2, "two").Bind(3, [2]).Execute();
    }

    public void Dispose() => _connection.Dispose();
}
