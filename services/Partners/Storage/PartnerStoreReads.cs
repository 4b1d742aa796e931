using System.Data.Common;
using CyberPledge.Storage;
using CyberPledge.V1;

namespace CyberPledge.Partners.Storage;

/// <summary>
/// What both stores do alike: the reads (<see cref="PartnerRows"/>, over whatever connection the store lends), the
/// batched audit append and waiting on the <see cref="ChangeSignal"/>. A store supplies its writer and connections.
/// </summary>
internal abstract class PartnerStoreReads : IPartnerStore
{
    protected ChangeSignal Signal { get; } = new();

    public ulong LastSequence => Signal.LastSequence;

    public abstract Task<T> WriteAsync<T>(Func<IPartnerWriteTransaction, T> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="read"/> on a connection of the store's, which it lends for the length of the read.</summary>
    protected abstract Task<T> ReadAsync<T>(Func<DbConnection, T> read, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<AuditRecord>>(transaction => [.. entries.Select(transaction.AppendAudit)], cancellationToken);

    public Task<Peer?> GetPeerAsync(string nation, CancellationToken cancellationToken) =>
        ReadAsync(connection => PartnerRows.FindPeer(connection, nation), cancellationToken);

    public Task<IReadOnlyList<Peer>> ListPeersAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<Peer>>(PartnerRows.ListPeers, cancellationToken);

    public Task<ulong> GetPeerRevisionAsync(CancellationToken cancellationToken) =>
        ReadAsync(PartnerRows.PeerRevision, cancellationToken);

    public Task<PeerRegistrySnapshot> ReadPeerRegistryAsync(CancellationToken cancellationToken) =>
        ReadAsync(PartnerRows.PeerRegistry, cancellationToken);

    public Task<SharingAgreement?> GetAgreementAsync(string id, ulong version, CancellationToken cancellationToken) =>
        ReadAsync(connection => PartnerRows.FindAgreement(connection, id, version), cancellationToken);

    public Task<IReadOnlyList<SharingAgreement>> ListAgreementsAsync(ulong throughSequence, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SharingAgreement>>(connection => PartnerRows.ListAgreements(connection, throughSequence), cancellationToken);

    public Task<IReadOnlyList<SharingAgreement>> GetAgreementHistoryAsync(string id, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<SharingAgreement>>(connection => PartnerRows.History(connection, id), cancellationToken);

    public Task<IReadOnlyList<(ulong Sequence, SharingAgreement Agreement)>> ReadAgreementChangesAsync(ulong afterSequence, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<(ulong, SharingAgreement)>>(connection => PartnerRows.Changes(connection, afterSequence, limit), cancellationToken);

    public Task<StoredTaxiiCredential?> GetTaxiiCredentialAsync(string username, CancellationToken cancellationToken) =>
        ReadAsync(connection => TaxiiCredentialRows.Find(connection, username), cancellationToken);

    public Task<IReadOnlyList<TaxiiCredential>> ListTaxiiCredentialsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TaxiiCredential>>(TaxiiCredentialRows.List, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> ListAuditAsync(AuditQuery query, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AuditRecord>>(connection => PartnerRows.ListAudit(connection, query), cancellationToken);

    public Task WaitForChangeAsync(ulong afterSequence, CancellationToken cancellationToken) =>
        Signal.WaitForChangeAsync(afterSequence, cancellationToken);
}
