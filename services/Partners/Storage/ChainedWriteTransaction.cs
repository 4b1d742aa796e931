using CyberPledge.Partners.Audit;
using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using System.Data.Common;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// What both stores' write transactions share: the chain's head (last sequence and hash) as the open transaction
/// sees it, kept in step with savepoints and rollbacks, and the changes expressed as row writes plus their record.
/// </summary>
internal abstract class ChainedWriteTransaction : IGroupCommitTransaction, IPartnerWriteTransaction
{
    private byte[] _lastHash;
    private byte[] _committedHash;
    private byte[] _workHash;

    protected ChainedWriteTransaction(ulong lastSequence, byte[] lastHash)
    {
        LastSequence = lastSequence;
        _lastHash = _committedHash = _workHash = lastHash;
    }

    public ulong LastSequence { get; protected set; }

    /// <summary>The hash of the last record handed out (committed, or in the open transaction).</summary>
    protected byte[] LastHash => _lastHash;

    public Peer? FindPeer(string nation) => PartnerRows.FindPeer(Connection, nation);

    public SharingAgreement? FindAgreement(string id) => PartnerRows.FindAgreement(Connection, id, 0);

    public AuditRecord SavePeer(Peer peer, AuditEntry entry)
    {
        Execute("INSERT INTO peers (nation, body) VALUES ($1, $2) ON CONFLICT (nation) DO UPDATE SET body = excluded.body", peer.Nation, peer.ToByteArray());
        return RegistryChanged(AppendAudit(entry));
    }

    public AuditRecord RemovePeer(string nation, AuditEntry entry)
    {
        if (Execute("DELETE FROM peers WHERE nation = $1", nation) != 1)
        {
            throw new InvalidOperationException($"No peer {nation} to remove.");
        }

        return RegistryChanged(AppendAudit(entry));
    }

    /// <summary>The registry's revision is the sequence of its last change's record.</summary>
    private AuditRecord RegistryChanged(AuditRecord record)
    {
        Execute("UPDATE peer_registry SET revision = $1", (long)record.Sequence);
        return record;
    }

    public AuditRecord AppendAgreement(SharingAgreement version, AuditEntry entry)
    {
        var record = AppendAudit(entry);
        Execute(
            "INSERT INTO agreement_versions (seq, agreement_id, version, grantee, body) VALUES ($1, $2, $3, $4, $5)",
            (long)record.Sequence, version.Id, (long)version.Version, version.Grantee, version.ToByteArray());
        return record;
    }

    public StoredTaxiiCredential? FindTaxiiCredential(string username) => TaxiiCredentialRows.Find(Connection, username);

    public bool HasAgreementWith(string grantee) => TaxiiCredentialRows.HasAgreementWith(Connection, grantee);

    public AuditRecord SaveTaxiiCredential(StoredTaxiiCredential credential, AuditEntry entry)
    {
        Execute(TaxiiCredentialRows.Upsert, TaxiiCredentialRows.Values(credential));
        return AppendAudit(entry);
    }

    public AuditRecord AppendAudit(AuditEntry entry)
    {
        var record = AuditChain.Link(LastSequence + 1, entry, _lastHash);
        InsertAudit(record);
        LastSequence = record.Sequence;
        _lastHash = record.Hash.ToByteArray();
        return record;
    }

    /// <summary>The connection the transaction runs on, for lookups that must see its own writes.</summary>
    protected abstract DbConnection Connection { get; }

    protected abstract int Execute(string sql, params object[] values);

    protected abstract void InsertAudit(AuditRecord record);

    /// <summary>Called by Begin once the store's chain head is known (another replica may have moved it).</summary>
    protected void ResetHead(ulong lastSequence, byte[] lastHash)
    {
        LastSequence = lastSequence;
        _lastHash = _committedHash = lastHash;
    }

    public abstract void Begin();

    public WorkMark BeginWork()
    {
        _workHash = _lastHash;
        var mark = new WorkMark(LastSequence, 0);
        OpenSavepoint();
        return mark;
    }

    public abstract void EndWork();

    public void UndoWork(WorkMark mark)
    {
        RollbackSavepoint();
        LastSequence = mark.Sequence;
        _lastHash = _workHash;
    }

    public void Commit()
    {
        CommitTransaction();
        _committedHash = _lastHash;
    }

    public void Rollback(ulong lastCommitted)
    {
        LastSequence = lastCommitted;
        _lastHash = _committedHash;
        RollbackTransaction();
    }

    protected abstract void OpenSavepoint();

    protected abstract void RollbackSavepoint();

    protected abstract void CommitTransaction();

    protected abstract void RollbackTransaction();
}
