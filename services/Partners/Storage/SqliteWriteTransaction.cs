using System.Data.Common;
using CyberPledge.Storage;
using CyberPledge.V1;
using Microsoft.Data.Sqlite;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// The SQLite writer connection's statements. The audit insert, the hot path once Federation logs its share
/// decisions, is prepared once and run through SQLite's C API (<see cref="RawStatement"/>).
/// </summary>
internal sealed class SqliteWriteTransaction : ChainedWriteTransaction, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RawStatement _insertAudit;

    public SqliteWriteTransaction(SqliteConnection connection, ulong lastSequence, byte[] lastHash)
        : base(lastSequence, lastHash)
    {
        _connection = connection;
        _insertAudit = new RawStatement(connection, $"INSERT INTO audit ({PartnerRows.AuditColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    }

    protected override DbConnection Connection => _connection;

    protected override void InsertAudit(AuditRecord record) =>
        _insertAudit
            .Bind(1, (long)record.Sequence).Bind(2, Audit.AuditChain.Microseconds(record.At))
            .Bind(3, record.Actor).Bind(4, record.Action).Bind(5, record.Subject).Bind(6, record.Grantee)
            .Bind(7, record.Before).Bind(8, record.After).Bind(9, record.PreviousHash.Span).Bind(10, record.Hash.Span)
            .Execute();

    protected override int Execute(string sql, params object[] values)
    {
        using var command = PartnerRows.Command(_connection, sql, values);
        return command.ExecuteNonQuery();
    }

    public override void Begin() => Execute("BEGIN IMMEDIATE");

    protected override void OpenSavepoint() => Execute("SAVEPOINT work");

    public override void EndWork() => Execute("RELEASE work");

    protected override void RollbackSavepoint()
    {
        Execute("ROLLBACK TO work");
        Execute("RELEASE work");
    }

    protected override void CommitTransaction() => Execute("COMMIT");

    protected override void RollbackTransaction()
    {
        try
        {
            Execute("ROLLBACK");
        }
#pragma warning disable CA1031 // After an I/O error SQLite has rolled back already; nothing more to undo.
        catch (SqliteException)
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose() => _insertAudit.Dispose();
}
