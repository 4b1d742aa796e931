using CyberPledge.V1;

namespace CyberPledge.Partners;

/// <summary>
/// Where peers, agreement versions and the audit log live, in one database: every change is written in the same
/// transaction as its audit record, so nothing changes without its record. Audit records are numbered by a gap-free
/// sequence and hash-chained (docs/partners.md); an agreement version is keyed by its record's sequence, which is
/// also the feed that WatchAgreements follows. A write is durable when its task completes.
/// Implementations: SQLite (the embedded default) and PostgreSQL (replicas sharing one database).
/// </summary>
public interface IPartnerStore : IAsyncDisposable
{
    /// <summary>The highest committed audit sequence (0 when the log is empty).</summary>
    ulong LastSequence { get; }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction, serialized with every other write, and returns once its
    /// changes are durable. When the work throws, none of its changes are kept and the task fails with that exception.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken);

    /// <summary>
    /// Appends <paramref name="entries"/> to the audit log, in order, as one work (for Federation's share decisions):
    /// concurrent batches share commits (group commit).
    /// </summary>
    Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>A peer by its nation (alpha-3), or null.</summary>
    Task<Peer?> GetPeerAsync(string nation, CancellationToken cancellationToken);

    /// <summary>Every peer, by nation.</summary>
    Task<IReadOnlyList<Peer>> ListPeersAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The registry's revision: the sequence of the record of its last change (add, update or remove), 0 when it never
    /// changed. It only grows, and is the same on every replica sharing the database.
    /// </summary>
    Task<ulong> GetPeerRevisionAsync(CancellationToken cancellationToken);

    /// <summary>Every peer, by nation, with the registry's revision, read together.</summary>
    Task<PeerRegistrySnapshot> ReadPeerRegistryAsync(CancellationToken cancellationToken);

    /// <summary>One version of an agreement, or its latest when <paramref name="version"/> is 0; null when there is none.</summary>
    Task<SharingAgreement?> GetAgreementAsync(string id, ulong version, CancellationToken cancellationToken);

    /// <summary>
    /// The latest version of each agreement among those committed up to <paramref name="throughSequence"/>
    /// (<see cref="ulong.MaxValue"/>: all), by id: a snapshot that later changes (<see cref="ReadAgreementChangesAsync"/>) follow exactly.
    /// </summary>
    Task<IReadOnlyList<SharingAgreement>> ListAgreementsAsync(ulong throughSequence, CancellationToken cancellationToken);

    /// <summary>Every version of an agreement, oldest first (empty when it does not exist).</summary>
    Task<IReadOnlyList<SharingAgreement>> GetAgreementHistoryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Agreement versions written after <paramref name="afterSequence"/>, each with its sequence, in sequence order.</summary>
    Task<IReadOnlyList<(ulong Sequence, SharingAgreement Agreement)>> ReadAgreementChangesAsync(ulong afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>A TAXII credential with its hash, or null.</summary>
    Task<StoredTaxiiCredential?> GetTaxiiCredentialAsync(string username, CancellationToken cancellationToken);

    /// <summary>Every TAXII credential (revoked ones too), by username, without secrets.</summary>
    Task<IReadOnlyList<TaxiiCredential>> ListTaxiiCredentialsAsync(CancellationToken cancellationToken);

    /// <summary>Audit records matching <paramref name="query"/>, in sequence order.</summary>
    Task<IReadOnlyList<AuditRecord>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Completes once a sequence above <paramref name="afterSequence"/> is committed.</summary>
    Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken);
}
