using Microsoft.Data.Sqlite;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>
/// What the service wrote for each stored indicator, read back from its database after it
/// stopped: the rows of <see cref="Tables"/> in sequence order and the statements that
/// created those tables and their indexes (from <c>sqlite_master</c>, so the reference follows
/// the service's schema as it changes). All in memory, so reading costs the reference nothing.
/// </summary>
internal sealed record StoredIndicatorRows(string[] Tables, string[] Schema, object[][][] Rows)
{
    // Written once per stored indicator, in this order (services/Indicators/Storage/SqliteWriteTransaction.cs):
    // the version (feed and history, protobuf body) and the latest-version row with its query columns.
    private static readonly string[] IndicatorTables = ["versions", "indicators"];

    private const string DatabaseFileName = "indicators.db";

    /// <summary>How many indicators: every table holds one row per indicator.</summary>
    public int Count => Rows[0].Length;

    public static StoredIndicatorRows Load(string serviceDataDirectory)
    {
        using var connection = Open(Path.Combine(serviceDataDirectory, DatabaseFileName));
        var tableList = string.Join(", ", IndicatorTables.Select(t => $"'{t}'"));
        var schema = ReadRows(connection, $"SELECT sql FROM sqlite_master WHERE tbl_name IN ({tableList}) AND sql IS NOT NULL ORDER BY type = 'index', rowid")
            .Select(row => (string)row[0])
            .ToArray();
        var rows = IndicatorTables.Select(table => ReadRows(connection, $"SELECT * FROM {table} ORDER BY seq")).ToArray();
        if (rows[0].Length == 0 || rows.Any(r => r.Length != rows[0].Length))
        {
            throw new InvalidOperationException(
                $"Expected one row per indicator in each of {string.Join(", ", IndicatorTables)}; found {string.Join(", ", rows.Select(r => r.Length))}.");
        }

        return new StoredIndicatorRows(IndicatorTables, schema, rows);
    }

    /// <summary>Opens a database without pooling: its files are read or deleted right after the connection closes.</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static object[][] ReadRows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return [.. rows];
    }
}
