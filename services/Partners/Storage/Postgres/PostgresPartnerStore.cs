using CyberPledge.Storage;
using CyberPledge.V1;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CyberPledge.Partners.Storage.Postgres;

/// <summary>
/// The store for nodes running several replicas: one PostgreSQL database shared by all of them. Each replica writes
/// through its own <see cref="GroupCommitWriter{TTransaction}"/>; the replicas' transactions are serialized by the
/// chain row lock (<see cref="PostgresWriteTransaction"/>), and each hears the others' commits (<see cref="PostgresChangeListener"/>).
/// </summary>
internal sealed class PostgresPartnerStore : IPartnerStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ChangeSignal _signal = new();
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

        _signal.Publish(head.Sequence);
        _listener = new PostgresChangeListener(dataSource, _signal, logger);
        _writeTransaction = new PostgresWriteTransaction(dataSource, head.Sequence, head.Hash);
        _writer = PartnerWriter.Start(_writeTransaction, _signal, timeProvider, logger);
        StoreLog.Opened(logger, "PostgreSQL database " + new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Database, head.Sequence);
    }

    public ulong LastSequence => _signal.LastSequence;

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

    public Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync(transaction => PartnerWriter.AppendAll(transaction, entries), cancellationToken);

    public Task<Peer?> GetPeerAsync(string nation, CancellationToken cancellationToken) =>
        ReadAsync(connection => PartnerRows.FindPeer(connection, nation), cancellationToken);

    public Task<IReadOnlyList<Peer>> ListPeersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Peer>>(PartnerRows.ListPeers, cancellationToken);

    public Task<SharingAgreement?> GetAgreementAsync(string id, ulong version, CancellationToken cancellationToken) =>
        ReadAsync(connection => PartnerRows.FindAgreement(connection, id, version), cancellationToken);

    public Task<IReadOnlyList<SharingAgreement>> ListAgreementsAsync(ulong throughSequence, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SharingAgreement>>(connection => PartnerRows.ListAgreements(connection, throughSequence), cancellationToken);

    public Task<IReadOnlyList<SharingAgreement>> GetAgreementHistoryAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SharingAgreement>>(connection => PartnerRows.History(connection, id), cancellationToken);

    public Task<IReadOnlyList<(ulong Sequence, SharingAgreement Agreement)>> ReadAgreementChangesAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<(ulong, SharingAgreement)>>(connection => PartnerRows.Changes(connection, afterSequence, limit), cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AuditRecord>>(connection => PartnerRows.ListAudit(connection, query), cancellationToken);

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        _signal.WaitForChangeAsync(afterSequence, cancellationToken);

    /// <summary>The reads are synchronous (shared with SQLite); the connection is opened asynchronously.</summary>
    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return read(connection);
        }
    }

    public async ValueTask DisposeAsync()
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
