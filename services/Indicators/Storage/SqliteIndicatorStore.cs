using System.Collections.Concurrent;
using System.Globalization;
using CyberPledge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The embedded store: one SQLite database (WAL) per node in its data directory, written by
/// one <see cref="GroupCommitWriter{TTransaction}"/>, read through a small pool of read connections.
/// </summary>
internal sealed class SqliteIndicatorStore : IIndicatorStore
{
    /// <summary>Names the data directory's lock file ("indicators.lock") and its in-use message.</summary>
    public const string ServiceName = "indicators";

    private readonly DataDirectoryLock _lock;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter<SqliteWriteTransaction> _writer;
    private readonly ChangeSignal _signal = new();
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteLookup> _readers = [];
    private readonly ValueIndex _valueIndex = new();
    private int _disposed;

    private SqliteIndicatorStore(string dataDirectory, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        _lock = DataDirectoryLock.Acquire(dataDirectory, ServiceName);
        _connectionString = SqliteSchema.ConnectionString(dataDirectory);
        _writerConnection = new SqliteConnection(_connectionString);
        ulong lastSequence;
        try
        {
            _writerConnection.Open();
            FeedId = SqliteSchema.Initialize(_writerConnection);
            lastSequence = (ulong)SqliteSchema.ReadLastSequence(_writerConnection);
            SqliteSchema.LoadValueIndex(_writerConnection, _valueIndex);
        }
        catch
        {
            // A refused open (a newer build's schema, say) must leave the directory free to open again.
            SqliteConnection.ClearPool(_writerConnection);
            _writerConnection.Dispose();
            _lock.Dispose();
            throw;
        }

        _signal.Publish(lastSequence);
        _writeTransaction = new SqliteWriteTransaction(_writerConnection, lastSequence, _valueIndex, timeProvider);
        _writer = IndicatorWriter.Start(_writeTransaction, _signal, timeProvider, logger);
        StoreLog.Opened(logger, dataDirectory, FeedId, lastSequence);
    }

    public string FeedId { get; }

    public ulong LastSequence => _signal.LastSequence;

    public NodeOrigin? PinnedOrigin { get; private set; }

    public static SqliteIndicatorStore Open(string dataDirectory, TimeProvider timeProvider, ILogger logger) =>
        new(dataDirectory, timeProvider, logger);

    public Task<T> WriteAsync<T>(Func<IIndicatorWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    public Task<T> ReadAsync<T>(Func<IIndicatorLookup, T> read, CancellationToken cancellationToken) =>
        Task.FromResult(Read(lookup => read(lookup)));

    public Task<StoredIndicator?> GetAsync(string id, ulong version, CancellationToken cancellationToken) =>
        Task.FromResult(Read(lookup => version == 0 ? lookup.FindById(id) : lookup.GetVersion(id, version)));

    public Task<IReadOnlyList<StoredIndicator>> QueryAsync(IndicatorFilter filter, ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredIndicator>>(Read(lookup =>
        {
            using var command = QueryCommand(lookup.Connection, filter, afterSequence, limit);
            return SqliteLookup.ReadAll(command);
        }));

    /// <summary>The pin is written on a connection of its own: the writer's belongs to the writer thread.</summary>
    public NodeOrigin PinOrigin(NodeOrigin requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = Command(connection, OriginPin.Insert + ";" + OriginPin.Select, requested.Nation, requested.NodeId);
        using var reader = command.ExecuteReader();
        PinnedOrigin = reader.Read()
            ? new NodeOrigin(reader.GetString(0), reader.GetString(1))
            : throw new InvalidOperationException("The indicator store's origin was not pinned.");
        return PinnedOrigin;
    }

    public Task<IReadOnlyList<StoredIndicator>> ReadFeedAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredIndicator>>(Read(lookup => lookup.ReadFeed(afterSequence, limit)));

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        _signal.WaitForChangeAsync(afterSequence, cancellationToken);

    /// <summary>(type, value) is indexed in memory (<see cref="ValueIndex"/>): a value filter first narrows to its candidate rows.</summary>
    private SqliteCommand QueryCommand(SqliteConnection connection, IndicatorFilter filter, ulong afterSequence, int limit)
    {
        (string, object)? candidates = null;
        if (!string.IsNullOrEmpty(filter.Value))
        {
            var types = filter.Type is { } known ? [known] : Enum.GetValues<V1.IndicatorType>().Where(t => t != V1.IndicatorType.Unspecified);
            var sequences = types.SelectMany(t => _valueIndex.Committed(ValueIndex.Key(t, filter.Value)))
                .Select(n => n.ToString(CultureInfo.InvariantCulture));
            candidates = ("i.seq IN (SELECT value FROM json_each($?))", "[" + string.Join(',', sequences) + "]");
        }

        var query = IndicatorQuery.Build(filter, afterSequence, limit, candidates);
        return Command(connection, query.Sql, [.. query.Values]);
    }

    /// <summary>A command whose parameters are named "$1", "$2", ... as the shared SQL's placeholders (<see cref="IndicatorQuery"/>).</summary>
    private static SqliteCommand Command(SqliteConnection connection, string sql, params object[] values)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(IndicatorQuery.Placeholder(i + 1), values[i]);
        }

        return command;
    }

    /// <summary>
    /// Reads run synchronously on the caller's thread: Microsoft.Data.Sqlite's async methods
    /// are synchronous anyway, and WAL readers never wait for the writer.
    /// </summary>
    private T Read<T>(Func<SqliteLookup, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_readers.TryTake(out var lookup))
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            lookup = new SqliteLookup(connection, _valueIndex.Committed);
        }

        try
        {
            return read(lookup);
        }
        finally
        {
            _readers.Add(lookup);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _writer.Dispose();
        _writeTransaction.Dispose();
        while (_readers.TryTake(out var lookup))
        {
            lookup.Dispose();
            lookup.Connection.Dispose();
        }

        // Pooled connections keep the file open; a reopened store (a restart in-process) must not find them.
        SqliteConnection.ClearPool(_writerConnection);
        _writerConnection.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
