using System.Collections.Concurrent;
using System.Data.Common;
using CyberPledge.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// The embedded store: one SQLite database (WAL) per node in its data directory, written by one
/// <see cref="GroupCommitWriter{TTransaction}"/>, read through a small pool of read connections.
/// </summary>
internal sealed class SqlitePartnerStore : PartnerStoreReads
{
    /// <summary>Names the data directory's lock file ("partners.lock") and its in-use message.</summary>
    public const string ServiceName = "partners";

    private readonly DataDirectoryLock _lock;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter<SqliteWriteTransaction> _writer;
    private readonly string _connectionString;
    private readonly ConcurrentBag<SqliteConnection> _readers = [];
    private int _disposed;

    private SqlitePartnerStore(string dataDirectory, TimeProvider timeProvider, ILogger logger)
    {
        Directory.CreateDirectory(dataDirectory);
        _lock = DataDirectoryLock.Acquire(dataDirectory, ServiceName);
        _connectionString = SqliteSchema.ConnectionString(dataDirectory);
        _writerConnection = new SqliteConnection(_connectionString);
        (ulong Sequence, byte[] Hash) head;
        try
        {
            _writerConnection.Open();
            head = SqliteSchema.Initialize(_writerConnection);
        }
        catch
        {
            // A refused open (a newer build's schema, say) must leave the directory free to open again.
            SqliteConnection.ClearPool(_writerConnection);
            _writerConnection.Dispose();
            _lock.Dispose();
            throw;
        }

        Signal.Publish(head.Sequence);
        _writeTransaction = new SqliteWriteTransaction(_writerConnection, head.Sequence, head.Hash);
        _writer = PartnerWriter.Start(_writeTransaction, Signal, timeProvider, logger);
        StoreLog.Opened(logger, dataDirectory, head.Sequence);
    }

    public static SqlitePartnerStore Open(string dataDirectory, TimeProvider timeProvider, ILogger logger) =>
        new(dataDirectory, timeProvider, logger);

    public override Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    /// <summary>Reads run on the caller's thread: Microsoft.Data.Sqlite's async methods are synchronous anyway, and WAL readers never wait for the writer.</summary>
    protected override Task<T> ReadAsync<T>(Func<DbConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_readers.TryTake(out var connection))
        {
            connection = new SqliteConnection(_connectionString);
            connection.Open();
        }

        try
        {
            return Task.FromResult(read(connection));
        }
        finally
        {
            _readers.Add(connection);
        }
    }

    public override ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }

        _writer.Dispose();
        _writeTransaction.Dispose();
        while (_readers.TryTake(out var connection))
        {
            connection.Dispose();
        }

        // Pooled connections keep the file open; a reopened store (a restart in-process) must not find them.
        SqliteConnection.ClearPool(_writerConnection);
        _writerConnection.Dispose();
        _lock.Dispose();
        return ValueTask.CompletedTask;
    }
}
