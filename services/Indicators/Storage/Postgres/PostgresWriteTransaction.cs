using System.Data;
using System.Globalization;
using CyberPledge.Storage;
using Npgsql;
using static CyberPledge.Indicators.Storage.Postgres.PostgresRows;

namespace CyberPledge.Indicators.Storage.Postgres;

/// <summary>
/// The writer connection of one replica, driven by its <see cref="GroupCommitWriter{TTransaction}"/>. Each
/// transaction starts by locking the <c>feed</c> row, which serializes it with every other
/// replica's writer and yields the last committed sequence: sequences are gap-free and a commit
/// is visible before the next writer can hand out a higher one.
/// </summary>
/// <remarks>
/// Nothing is sent that can wait: statements that need no answer (BEGIN, SAVEPOINT, idempotency
/// records) queue in <see cref="_pending"/> and travel with the next statement that does, and
/// appended versions queue as rows (<see cref="AppendedRows"/>) that are sent as two multi-row
/// statements when the work ends or when a lookup could see them.
/// </remarks>
internal sealed partial class PostgresWriteTransaction : PostgresLookup, IIndicatorGroupCommitTransaction, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly List<NpgsqlBatchCommand> _pending = [];
    private readonly AppendedRows _rows = new();
    private bool _workSent;
    private bool _sendRowsWithQuery = true;
    private readonly TimeProvider _time;
    private ulong _lockedSequence;

    // When the last appended version was stored (TAXII's date_added): each new one is later by at least a microsecond.
    private long _lastStoredUs;
    private long _workStoredUs;

    public PostgresWriteTransaction(NpgsqlDataSource dataSource, ulong lastSequence, TimeProvider time)
        : base(null)
    {
        _dataSource = dataSource;
        _time = time;
        LastSequence = lastSequence;
    }

    public ulong LastSequence { get; private set; }

    /// <summary>
    /// Opens the transaction and takes the feed row lock (waiting for another replica's commit, if
    /// one is under way). A connection the server dropped while idle (a restart, a failover) is
    /// replaced once here, where nothing has been written yet, so the batch's callers never see it.
    /// </summary>
    public void Begin()
    {
        if (Connection is not { State: ConnectionState.Open })
        {
            Reconnect();
        }

        try
        {
            LockFeed();
        }
        catch (NpgsqlException) when (Connection is not { State: ConnectionState.Open })
        {
            Reconnect();
            LockFeed();
        }
    }

    private void LockFeed()
    {
        Discard();
        _pending.Add(Command("BEGIN"));
        (LastSequence, _lastStoredUs) = Query(
            Command("SELECT f.last_seq, COALESCE(v.stored_us, 0) FROM feed f LEFT JOIN versions v ON v.seq = f.last_seq FOR UPDATE OF f"),
            reader => reader.Read()
                ? ((ulong)reader.GetInt64(0), reader.GetInt64(1))
                : throw new InvalidOperationException("The indicator store's feed row is missing."));
        _lockedSequence = LastSequence;
    }

    public WorkMark BeginWork()
    {
        _pending.Add(Command("SAVEPOINT work"));
        _workSent = false;
        _workStoredUs = _lastStoredUs;
        return new WorkMark(LastSequence, 0);
    }

    /// <summary>Sends the work's writes now, so that a failing one fails this work, not the next.</summary>
    public void EndWork()
    {
        if (!_workSent && _pending.Count == 1 && _rows.Count == 0)
        {
            // A work that wrote nothing: its savepoint never needs to reach the server.
            _pending.Clear();
            return;
        }

        Flush(Command("RELEASE SAVEPOINT work"));
    }

    public void UndoWork(WorkMark mark)
    {
        Discard();
        LastSequence = mark.Sequence;
        _lastStoredUs = _workStoredUs;
        if (_workSent)
        {
            _pending.Add(Command("ROLLBACK TO SAVEPOINT work"));
            Flush(Command("RELEASE SAVEPOINT work"));
        }
    }

    /// <summary>
    /// Records the new last sequence, queues the notification (PostgreSQL delivers it at the
    /// commit, in commit order) and commits; with synchronous_commit on, COMMIT returns once the
    /// WAL is flushed.
    /// </summary>
    public void Commit()
    {
        if (LastSequence != _lockedSequence)
        {
            _pending.Add(Command("UPDATE feed SET last_seq = $1", (long)LastSequence));
            _pending.Add(Command("SELECT pg_notify($1, $2)", PostgresSchema.Channel, LastSequence.ToString(CultureInfo.InvariantCulture)));
        }

        Flush(Command("COMMIT"));
    }

    public void Rollback(ulong lastCommitted)
    {
        Discard();
        LastSequence = lastCommitted;
        if (Connection is not { State: ConnectionState.Open })
        {
            return;
        }

        try
        {
            Flush(Command("ROLLBACK"));
        }
#pragma warning disable CA1031 // The connection broke: the server ends the transaction itself, and Begin reconnects.
        catch (Exception)
#pragma warning restore CA1031
        {
            Discard();
        }
    }

    public int DeleteExpiredIdempotency(DateTimeOffset now) =>
        Flush(Command("DELETE FROM idempotency WHERE expires_at < $1", now.ToUniversalTime()));

    /// <summary>Runs a lookup after what is queued (the appended rows too, unless <see cref="Fresh{T}"/> ruled them out).</summary>
    protected override T Query<T>(NpgsqlBatchCommand command, Func<NpgsqlDataReader, T> read)
    {
        using var batch = TakePending(command, _sendRowsWithQuery);
        using var reader = batch.ExecuteReader();
        return read(reader);
    }

    private int Flush(NpgsqlBatchCommand last)
    {
        using var batch = TakePending(last, withRows: true);
        return batch.ExecuteNonQuery();
    }

    private NpgsqlBatch TakePending(NpgsqlBatchCommand last, bool withRows)
    {
        var batch = new NpgsqlBatch(Connection);
        _pending.ForEach(batch.BatchCommands.Add);
        if (withRows)
        {
            _rows.TakeStatements().ForEach(batch.BatchCommands.Add);
        }

        batch.BatchCommands.Add(last);
        _pending.Clear();
        _workSent = true;
        return batch;
    }

    private void Discard()
    {
        _pending.Clear();
        _rows.Clear();
    }

    private void Reconnect()
    {
        Connection?.Dispose();
        Connection = null;
        var connection = _dataSource.OpenConnection();
        try
        {
            // synchronous_commit: explicit, whatever the server's or role's default, since a commit is
            // acknowledged only once it is durable. The timeout frees the feed row lock, which stalls
            // every replica's writer, should this process freeze in the middle of a transaction.
            using var command = new NpgsqlCommand("SET synchronous_commit = on; SET idle_in_transaction_session_timeout = '1min'", connection);
            command.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        Connection = connection;
    }

    public void Dispose()
    {
        Connection?.Dispose();
        Connection = null;
    }
}
