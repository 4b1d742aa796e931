using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CyberPledge.Storage;

/// <summary>
/// A statement prepared once on a writer's connection and run through SQLite's C API
/// directly, for hot write paths (the indicator store runs two per stored version): Microsoft.Data.Sqlite's
/// per-execution overhead (parameter objects, data readers) cost more than SQLite's own work.
/// Everything else goes through Microsoft.Data.Sqlite. Not thread-safe: one per connection's user.
/// </summary>
public sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <summary>Prepares <paramref name="sql"/> on an open connection.</summary>
    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>Binds the 1-based parameter <paramref name="index"/>.</summary>
    public RawStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <inheritdoc cref="Bind(int, long)"/>
    public RawStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <inheritdoc cref="Bind(int, long)"/>
    public RawStatement Bind(int index, ReadOnlySpan<byte> value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <inheritdoc cref="Bind(int, long)"/>
    public RawStatement Bind(int index, double value)
    {
        Check(raw.sqlite3_bind_double(_statement, index, value));
        return this;
    }

    /// <summary>Binds SQL NULL to the 1-based parameter <paramref name="index"/>.</summary>
    public RawStatement BindNull(int index)
    {
        Check(raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    /// <summary>Finalizes the statement.</summary>
    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
