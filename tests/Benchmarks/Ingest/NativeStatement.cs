using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>
/// A statement prepared once on a Microsoft.Data.Sqlite connection and run through SQLite's C
/// API, the values of a row bound by position. The reference insert's counterpart of the
/// service's internal RawStatement: the benchmark does not reach into the service's internals.
/// </summary>
internal sealed class NativeStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    /// <summary>A statement with no parameters (BEGIN, COMMIT).</summary>
    public NativeStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
    }

    /// <summary>An insert: INSERT INTO <paramref name="table"/> VALUES (?1, ..., ?<paramref name="columns"/>), in the table's column order.</summary>
    public NativeStatement(SqliteConnection connection, string table, int columns)
        : this(connection, $"INSERT INTO {table} VALUES ({string.Join(", ", Enumerable.Range(1, columns).Select(c => "?" + c))})")
    {
    }

    public void Execute(object[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            Check(row[c] switch
            {
                long value => raw.sqlite3_bind_int64(_statement, c + 1, value),
                string value => raw.sqlite3_bind_text(_statement, c + 1, value),
                byte[] value => raw.sqlite3_bind_blob(_statement, c + 1, value),
                double value => raw.sqlite3_bind_double(_statement, c + 1, value),
                _ => raw.sqlite3_bind_null(_statement, c + 1),
            });
        }

        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result);
        }
    }
}
