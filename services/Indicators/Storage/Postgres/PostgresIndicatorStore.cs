using CyberPledge.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// The production store for nodes that outgrow one machine: one PostgreSQL database per node,
/// shared by every replica of the service. Each replica writes through its own
/// <see cref="GroupCommitWriter{TTransaction}"/> (group commit, one savepoint per work, as with SQLite); the
/// replicas' transactions are serialized by a row lock (<see cref="PostgresWriteTransaction"/>),
/// and each replica hears the others' commits through LISTEN/NOTIFY (<see cref="PostgresChangeListener"/>).
/// </summary>
internal sealed class PostgresIndicatorStore : IIndicatorStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ChangeSignal _signal = new();
    private readonly PostgresWriteTransaction _writeTransaction;
    private readonly GroupCommitWriter<PostgresWriteTransaction> _writer;
    private readonly PostgresChangeListener _listener;
    private int _disposed;

    private PostgresIndicatorStore(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger)
    {
        _dataSource = dataSource;
        ulong lastSequence;
        using (var connection = dataSource.OpenConnection())
        {
            (FeedId, lastSequence) = PostgresSchema.Initialize(connection);
            if (!PostgresSchema.ServerFsyncs(connection))
            {
                PostgresLog.FsyncOff(logger);
            }
        }

        _signal.Publish(lastSequence);
        _listener = new PostgresChangeListener(dataSource, PostgresSchema.Channel, PostgresSchema.ReadLastSequence, _signal, timeProvider, logger);
        _writeTransaction = new PostgresWriteTransaction(dataSource, lastSequence, timeProvider);
        _writer = IndicatorWriter.Start(_writeTransaction, _signal, timeProvider, logger);
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        PostgresLog.Opened(logger, settings.Database, settings.Host, PostgresSchema.Version, FeedId, lastSequence);
    }

    public string FeedId { get; }

    public ulong LastSequence => _signal.LastSequence;

    public NodeOrigin? PinnedOrigin { get; private set; }

    /// <summary>Connects, creates or upgrades the schema, and starts listening for other replicas' commits.</summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public static PostgresIndicatorStore Open(string connectionString, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            // The same few statements run all the time: parse and plan them once per connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 32;
        }

        var dataSource = builder.Build();
        try
        {
            return new PostgresIndicatorStore(dataSource, timeProvider, logger);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }
    }

    public Task<T> WriteAsync<T>(Func<IIndicatorWriteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _writer.Enqueue(work, cancellationToken);
    }

    /// <summary>The lookups are synchronous (the contract's); the connection is opened asynchronously.</summary>
    public async Task<T> ReadAsync<T>(Func<IIndicatorLookup, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return read(new PostgresLookup(connection));
        }
    }

    public async Task<StoredIndicator?> GetAsync(string id, ulong version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return await ReadAsync(lookup => lookup.FindById(id), cancellationToken).ConfigureAwait(false);
        }

        var command = Command($"SELECT {StoredRows.Columns} FROM {StoredRows.Versions} WHERE v.indicator_id = $1 AND v.version = $2", id, (long)version);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<StoredIndicator>> QueryAsync(IndicatorFilter filter, ulong afterSequence, int limit, CancellationToken cancellationToken)
    {
        var query = IndicatorQuery.Build(filter, afterSequence, limit);
        return await ReadAllAsync(Command(query.Sql, [.. query.Values]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The insert and the read are two statements: when another replica's first pin is under way,
    /// the insert waits for it and does nothing, and the read, a statement later, sees its row.
    /// </summary>
    public NodeOrigin PinOrigin(NodeOrigin requested)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        using var connection = _dataSource.OpenConnection();
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands = { PostgresRows.Command(OriginPin.Insert, requested.Nation, requested.NodeId), PostgresRows.Command(OriginPin.Select) },
        };
        using var reader = batch.ExecuteReader();
        PinnedOrigin = reader.Read()
            ? new NodeOrigin(reader.GetString(0), reader.GetString(1))
            : throw new InvalidOperationException("The indicator store's origin was not pinned.");
        return PinnedOrigin;
    }

    /// <summary>
    /// One statement sees one snapshot, and commits become visible in sequence order (the feed
    /// row lock), so a page is always a gap-free run of the feed.
    /// </summary>
    public async Task<IReadOnlyList<StoredIndicator>> ReadFeedAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        await ReadAllAsync(
            Command($"SELECT {StoredRows.FeedColumns} FROM {StoredRows.FeedVersions} WHERE v.seq > $1 ORDER BY v.seq LIMIT $2", StoreSequence.ToColumn(afterSequence), limit),
            cancellationToken).ConfigureAwait(false);

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        _signal.WaitForChangeAsync(afterSequence, cancellationToken);

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<List<StoredIndicator>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command.ConfigureAwait(false))
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await PostgresRows.ReadAllAsync(reader, cancellationToken).ConfigureAwait(false);
            }
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
