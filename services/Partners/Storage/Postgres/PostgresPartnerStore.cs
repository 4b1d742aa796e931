using System.Data.Common;
using CyberPledge.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CyberPledge.Partners.Storage.Postgres;

/// <summary>
/// The store for nodes running several replicas: one PostgreSQL database shared by all of them. Each replica writes
/// through its own <see cref="GroupCommitWriter{TTransaction}"/>; the replicas' transactions are serialized by the
/// chain row lock (<see cref="PostgresWriteTransaction"/>), and each hears the others' commits (<see cref="PostgresChangeListener"/>).
/// </summary>
internal sealed class PostgresPartnerStore : PartnerStoreReads
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter<PostgresWriteTransaction> _writer;
    private readonly PostgresChangeListener _listener;
    private int _disposed;

    private PostgresPartnerStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger)
    {
        _dataSource = dataSource;
        (ulong Sequence, byte[] Hash) head;
        using (var connection = dataSource.OpenConnection())
        {
            head = PostgresSchema.Initialize(connection);
        }

        Signal.Publish(head.Sequence);
        _listener = new PostgresChangeListener(dataSource, PostgresSchema.Channel, connection => PostgresSchema.ReadHead(connection, forUpdate: false).LastSequence, Signal, timeProvider, logger);
        _writeTransaction = new PostgresWriteTransaction(dataSource, head.Sequence, head.Hash);
        _writer = PartnerWriter.Start(_writeTransaction, Signal, timeProvider, logger);
        StoreLog.Opened(logger, "PostgreSQL database " + new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database, head.Sequence);
    }

    /// <summary>Connects, creates or upgrades the schema, and starts listening for other replicas' commits.</summary>
    public static PostgresPartnerStore Open(string connectionString, TimeProvider timeProvider, ILogger logger)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            return new PostgresPartnerStore(dataSource, timeProvider, logger);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public override Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    /// <summary>The reads are synchronous (shared with SQLite); the connection is opened asynchronously.</summary>
    protected override async Task<T> ReadAsync<T>(Func<DbConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return read(connection);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _writer.Dispose();
        _writeTransaction.Dispose();
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
