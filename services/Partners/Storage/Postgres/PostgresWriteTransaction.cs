using System.Data;
using System.Data.Common;
using System.Globalization;
using CyberPledge.Partners.Audit;
using CyberPledge.V1;
using Npgsql;

namespace CyberPledge.Partners.Storage.Postgres;

/// <summary>
/// The writer connection of one replica. Each transaction starts by locking the <c>chain</c> row, which serializes it
/// with every other replica's writer and yields the chain's committed head; the commit moves the head and notifies.
/// </summary>
internal sealed class PostgresWriteTransaction(NpgsqlDataSource dataSource, ulong lastSequence, byte[] lastHash)
    : ChainedWriteTransaction(lastSequence, lastHash), IDisposable
{
    private NpgsqlConnection? _connection;
    private ulong _lockedSequence;

    protected override DbConnection Connection => _connection ?? throw new InvalidOperationException("No open transaction.");

    /// <summary>
    /// A connection the server dropped while idle (a restart, a failover) is replaced here, once, where nothing has
    /// been written yet, so the batch's callers never see it.
    /// </summary>
    public override void Begin()
    {
        if (_connection is not { State: ConnectionState.Open })
        {
            Reconnect();
        }

        try
        {
            LockChain();
        }
        catch (NpgsqlException) when (_connection is not { State: ConnectionState.Open })
        {
            Reconnect();
            LockChain();
        }
    }

    private void LockChain()
    {
        Execute("BEGIN");
        var (sequence, hash) = PostgresSchema.ReadHead(_connection!, forUpdate: true);
        ResetHead(sequence, hash);
        _lockedSequence = sequence;
    }

    private void Reconnect()
    {
        _connection?.Dispose();
        _connection = dataSource.OpenConnection();
        // Explicit, whatever the server's default: a commit is acknowledged only once durable. The timeout frees the
        // chain row, which stalls every replica's writer, should this process freeze inside a transaction.
        Execute("SET synchronous_commit = on; SET idle_in_transaction_session_timeout = '1min'");
    }

    protected override void InsertAudit(AuditRecord record) =>
        Execute(
            $"INSERT INTO audit ({PartnerRows.AuditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            (long)record.Sequence, AuditChain.Microseconds(record.At), record.Actor, record.Action, record.Subject, record.Grantee,
            record.Before, record.After, record.PreviousHash.ToByteArray(), record.Hash.ToByteArray());

    protected override int Execute(string sql, params object[] values)
    {
        using var command = PartnerRows.Command(Connection, sql, values);
        return command.ExecuteNonQuery();
    }

    protected override void OpenSavepoint() => Execute("SAVEPOINT work");

    public override void EndWork() => Execute("RELEASE SAVEPOINT work");

    protected override void RollbackSavepoint()
    {
        Execute("ROLLBACK TO SAVEPOINT work");
        Execute("RELEASE SAVEPOINT work");
    }

    /// <summary>The notification is delivered at the commit, in commit order; with synchronous_commit on, COMMIT returns once durable.</summary>
    protected override void CommitTransaction()
    {
        if (LastSequence != _lockedSequence)
        {
            Execute("UPDATE chain SET last_seq = $1, last_hash = $2", (long)LastSequence, LastHash);
            Execute("SELECT pg_notify($1, $2)", PostgresSchema.Channel, LastSequence.ToString(CultureInfo.InvariantCulture));
        }

        Execute("COMMIT");
    }

    protected override void RollbackTransaction()
    {
        if (_connection is not { State: ConnectionState.Open })
        {
            return;
        }

        try
        {
            Execute("ROLLBACK");
        }
#pragma warning disable CA1031 // The connection broke: the server ends the transaction itself, and Begin reconnects.
        catch (Exception)
#pragma warning restore CA1031
        {
            _connection.Dispose();
            _connection = null;
        }
    }

    public void Dispose() => _connection?.Dispose();
}
