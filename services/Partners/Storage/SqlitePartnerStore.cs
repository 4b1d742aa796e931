using System.Collections.Concurrent;
using CyberPledge.Storage;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// The embedded store: one SQLite database (WAL) per node in its data directory, written by one
/// <see cref="GroupCommitWriter{TTransaction}"/>, read through a small pool of read connections.
/// </summary>
internal sealed class SqlitePartnerStore : IPartnerStore
{
    /// <summary>Names the data directory's lock file ("partners.lock") and its in-use message.</summary>
    public const string ServiceName = "partners";

    private readonly DataDirectoryLock _lock;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter<SqliteWriteTransaction> _writer;
    private readonly ChangeSignal _signal = new();
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

        _signal.Publish(head.Sequence);
        _writeTransaction = new SqliteWriteTransaction(_writerConnection, head.Sequence, head.Hash);
        _writer = PartnerWriter.Start(_writeTransaction, _signal, timeProvider, logger);
        StoreLog.Opened(logger, dataDirectory, head.Sequence);
    }

    public ulong LastSequence => _signal.LastSequence;

    public static SqlitePartnerStore Open(string dataDirectory, TimeProvider timeProvider, ILogger logger) =>
        new(dataDirectory, timeProvider, logger);

    public Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(transaction => PartnerWriter.AppendAll(transaction, entries), cancellationToken);

    public Task<Peer?> GetPeerAsync(string nation, CancellationToken cancellationToken) =>
        Task.FromResult(Read(connection => PartnerRows.FindPeer(connection, nation)));

    public Task<IReadOnlyList<Peer>> ListPeersAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Peer>>(Read(PartnerRows.ListPeers));

    public Task<SharingAgreement?> GetAgreementAsync(string id, ulong version, CancellationToken cancellationToken) =>
        Task.FromResult(Read(connection => PartnerRows.FindAgreement(connection, id, version)));

    public Task<IReadOnlyList<SharingAgreement>> ListAgreementsAsync(ulong throughSequence, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SharingAgreement>>(Read(connection => PartnerRows.ListAgreements(connection, throughSequence)));

    public Task<IReadOnlyList<SharingAgreement>> GetAgreementHistoryAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SharingAgreement>>(Read(connection => PartnerRows.History(connection, id)));

    public Task<IReadOnlyList<(ulong Sequence, SharingAgreement Agreement)>> ReadAgreementChangesAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(ulong, SharingAgreement)>>(Read(connection => PartnerRows.Changes(connection, afterSequence, limit)));

    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AuditRecord>>(Read(connection => PartnerRows.ListAudit(connection, query)));

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        _signal.WaitForChangeAsync(afterSequence, cancellationToken);

    /// <summary>Reads run on the caller's thread: Microsoft.Data.Sqlite's async methods are synchronous anyway, and WAL readers never wait for the writer.</summary>
    private T Read<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (!_readers.TryTake(out var connection))
        {
            connection = new SqliteConnection(_connectionString);
            connection.Open();
        }

        try
        {
            return read(connection);
        }
        finally
        {
            _readers.Add(connection);
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
