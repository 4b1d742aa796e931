using CyberPledge.Storage;
using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>
/// The same-run reference for the ingest rate: the storage engine alone writing, durably, the
/// very rows the service stored (<see cref="StoredIndicatorRows"/>: protobuf bodies byte for
/// byte, query columns as stored, the same tables and indexes) into a fresh database on the
/// same file system, with the service's writer settings (WAL, synchronous=FULL, same cache),
/// in batches of the benchmark's batch size, one transaction (one fsync) per batch.
/// <para>
/// A competent insert, not a strawman: the rows are in memory before the clock starts, the
/// statements are prepared once and run through SQLite's C API (Microsoft.Data.Sqlite's native
/// binding, as the service's own append path does: its command objects measured 20-40% slower
/// here), and a few batches go to a throwaway database first so the loop is compiled.
/// </para>
/// <para>
/// One writer, as SQLite allows one writer at a time: four connections would only queue on the
/// write lock (its busy handler sleeps between attempts), so the competent way for four callers
/// to write to SQLite is to serialize them on one connection, which is also what the service
/// does with its four concurrent callers (one writer thread). What the reference leaves out is
/// what the service adds: gRPC, validation and normalization, dedup lookups, signing, the
/// in-memory value index, the idempotency record, and the client sharing the same two cores.
/// The service may commit several batches in one transaction (group commit); the reference
/// never does, but at 1,000 indicators per transaction the fsync is a small part of a commit.
/// </para>
/// </summary>
internal static class SqliteInsertReference
{
    // The service's writer settings (services/Indicators/Storage/SqliteSchema.cs), so both pay the same durability.
    private const string WriterPragmas = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = FULL;
        PRAGMA temp_store = MEMORY;
        PRAGMA cache_size = -65536;
        PRAGMA wal_autocheckpoint = 4000;
        """;

    private const int WarmUpBatches = 5;

    /// <summary>Indicators per second inserted into a fresh database in <paramref name="workDirectory"/>, which is deleted afterwards.</summary>
    public static double Measure(string serviceDataDirectory, string workDirectory, int batchSize)
    {
        var stored = StoredIndicatorRows.Load(serviceDataDirectory);
        Directory.CreateDirectory(workDirectory);
        try
        {
            InsertAll(Path.Combine(workDirectory, "warm-up.db"), stored, batchSize, Math.Min(stored.Count, WarmUpBatches * batchSize));
            var elapsed = InsertAll(Path.Combine(workDirectory, "reference.db"), stored, batchSize, stored.Count);
            Console.WriteLine($"reference inserted {stored.Count:N0} indicators ({stored.Tables.Length} rows each: {string.Join(", ", stored.Tables)}) in {elapsed.TotalSeconds:F1} s");
            return stored.Count / elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static TimeSpan InsertAll(string path, StoredIndicatorRows stored, int batchSize, int count)
    {
        using var connection = StoredIndicatorRows.Open(path);
        Execute(connection, WriterPragmas);
        foreach (var statement in stored.Schema)
        {
            Execute(connection, statement);
        }

        // The service's own prepared-statement type (CyberPledge.Storage), so both sides bind and step the same way.
        var inserts = stored.Tables.Select((table, t) => new RawStatement(connection, InsertSql(table, stored.Rows[t][0].Length))).ToArray();
        using var begin = new RawStatement(connection, "BEGIN IMMEDIATE");
        using var commit = new RawStatement(connection, "COMMIT");
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < count; start += batchSize)
        {
            begin.Execute();
            for (var i = start; i < Math.Min(count, start + batchSize); i++)
            {
                for (var t = 0; t < inserts.Length; t++)
                {
                    BindRow(inserts[t], stored.Rows[t][i]).Execute();
                }
            }

            commit.Execute();
        }

        var elapsed = watch.Elapsed;
        Array.ForEach(inserts, insert => insert.Dispose());
        return elapsed;
    }

    /// <summary>INSERT INTO <paramref name="table"/> VALUES (?1, ..., ?<paramref name="columns"/>), in the table's column order.</summary>
    private static string InsertSql(string table, int columns) =>
        $"INSERT INTO {table} VALUES ({string.Join(", ", Enumerable.Range(1, columns).Select(c => "?" + c))})";

    private static RawStatement BindRow(RawStatement statement, object[] row)
    {
        for (var c = 0; c < row.Length; c++)
        {
            _ = row[c] switch
            {
                long value => statement.Bind(c + 1, value),
                string value => statement.Bind(c + 1, value),
                byte[] value => statement.Bind(c + 1, value),
                double value => statement.Bind(c + 1, value),
                _ => statement.BindNull(c + 1),
            };
        }

        return statement;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
