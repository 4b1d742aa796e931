using Microsoft.Data.Sqlite;

namespace CyberPledge.Storage.Tests;

/// <summary>The migration runner on SQLite (PostgreSQL's is tested beside the stores that start a server).</summary>
public sealed class SchemaMigratorTests : IDisposable
{
    private static readonly SchemaMigration[] Migrations =
    [
        new(1, "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)"),
        new(2, "ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''; INSERT INTO notes (text, author) VALUES ('migrated', 'v2')"),
    ];

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("cp-storage-");
    private readonly SqliteConnection _connection;

    public SchemaMigratorTests()
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory.FullName, "test.db"), Pooling = false }.ToString());
        _connection.Open();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private string Versions() => (string)Scalar("SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)")!;

    [Fact]
    public void Migrate_NewDatabase_AppliesEveryMigrationOnce()
    {
        Assert.Equal(2, SchemaMigrator.Migrate(_connection, "notes", Migrations));
        Assert.Equal(2, SchemaMigrator.Migrate(_connection, "notes", Migrations));

        Assert.Equal("1,2", Versions());
        Assert.Equal(1L, Scalar("SELECT count(*) FROM notes WHERE author = 'v2'"));
    }

    [Fact]
    public void Migrate_UnversionedDatabaseOfAnEarlierBuild_IsRecognisedAsVersion1AndKeepsItsData()
    {
        Scalar("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL); INSERT INTO notes (text) VALUES ('kept')");

        SchemaMigrator.Migrate(_connection, "notes", Migrations[..1]);

        Assert.Equal("1", Versions());
        Assert.Equal("kept", Scalar("SELECT text FROM notes"));
        Assert.Equal(2, SchemaMigrator.Migrate(_connection, "notes", Migrations));
        Assert.Equal("1,2", Versions());
        Assert.Equal("kept,migrated", Scalar("SELECT group_concat(text, ',') FROM (SELECT text FROM notes ORDER BY id)"));
    }

    [Fact]
    public void Migrate_DatabaseOfANewerBuild_IsRefusedAndLeftAlone()
    {
        SchemaMigrator.Migrate(_connection, "notes", Migrations);

        var error = Assert.Throws<InvalidOperationException>(() => SchemaMigrator.Migrate(_connection, "notes", Migrations[..1]));

        Assert.Equal("The notes store's schema is version 2, newer than this build's 1: run a build at least as new.", error.Message);
        Assert.Equal("1,2", Versions());
    }

    [Fact]
    public void Migrate_FailingMigration_KeepsTheEarlierOnesAndRecordsNothingForIt()
    {
        SchemaMigration[] broken = [Migrations[0], new(2, "INSERT INTO notes (text) VALUES ('partial'); INSERT INTO missing_table VALUES (1)")];

        Assert.Throws<SqliteException>(() => SchemaMigrator.Migrate(_connection, "notes", broken));

        Assert.Equal("1", Versions());
        Assert.Equal(0L, Scalar("SELECT count(*) FROM notes"));
        Assert.Equal(2, SchemaMigrator.Migrate(_connection, "notes", Migrations));
    }

    [Fact]
    public void Migrate_MigrationsOutOfOrder_ThrowsBeforeTouchingTheDatabase()
    {
        Assert.Throws<ArgumentException>(() => SchemaMigrator.Migrate(_connection, "notes", [Migrations[1], Migrations[0]]));

        Assert.Equal(0L, Scalar("SELECT count(*) FROM sqlite_master"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _directory.Delete(recursive: true);
    }
}
