using System.Collections.Concurrent;
using CyberPledge.Indicators.Feed;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The embedded store: one SQLite database (WAL) per node in its data directory, written by
/// one <see cref="GroupCommitWriter"/>, read through a small pool of read connections.
/// </summary>
internal sealed class SqliteIndicatorStore : IIndicatorStore
{
    private readonly DataDirectoryLock _lock;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter _writer;
    private readonly ChangeSignal _signal = new();
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteLookup> _readers = [];
    private readonly ValueIndex _valueIndex = new();
    private int _disposed;

    private SqliteIndicatorStore(string dataDirectory, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        _lock = DataDirectoryLock.Acquire(dataDirectory);
        _connectionString = SqliteSchema.ConnectionString(dataDirectory);
        _writerConnection = new SqliteConnection(_connectionString);
        _writerConnection.Open();
        FeedId = SqliteSchema.Initialize(_writerConnection);
        var lastSequence = (ulong)SqliteSchema.ReadLastSequence(_writerConnection);
        SqliteSchema.LoadValueIndex(_writerConnection, _valueIndex);
        _signal.Publish(lastSequence);
        _writeTransaction = new SqliteWriteTransaction(_writerConnection, lastSequence, _valueIndex);
        _writer = new GroupCommitWriter(_writeTransaction, _signal, timeProvider, logger);
        StoreLog.Opened(logger, dataDirectory, FeedId, lastSequence);
    }

    public string FeedId { get; }

    public ulong LastSequence => _signal.LastSequence;

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
            using var command = SqliteQuery.Build(lookup.Connection, filter, afterSequence, limit, _valueIndex.Committed);
            return SqliteLookup.ReadAll(command);
        }));

    public Task<IReadOnlyList<StoredIndicator>> ReadFeedAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredIndicator>>(Read(lookup => lookup.ReadFeed(afterSequence, limit)));

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        _signal.WaitForChangeAsync(afterSequence, cancellationToken);

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
