using CyberPledge.V1;

namespace CyberPledge.Partners;

/// <summary>
/// Reads and writes inside one write transaction. Each change takes the audit entry that records it and returns the
/// record as appended (numbered and chained): a change cannot be made without its record.
/// </summary>
public interface IPartnerWriteTransaction
{
    /// <summary>A peer as this transaction sees it, or null.</summary>
    Peer? FindPeer(string nation);

    /// <summary>The latest version of an agreement as this transaction sees it, or null.</summary>
    SharingAgreement? FindAgreement(string id);

    /// <summary>Adds or replaces the peer of <see cref="Peer.Nation"/>.</summary>
    AuditRecord SavePeer(Peer peer, AuditEntry entry);

    /// <summary>Removes a peer (it must exist).</summary>
    AuditRecord RemovePeer(string nation, AuditEntry entry);

    /// <summary>Stores a new version of an agreement, keyed by its record's sequence.</summary>
    AuditRecord AppendAgreement(SharingAgreement version, AuditEntry entry);

    /// <summary>A TAXII credential as this transaction sees it, or null.</summary>
    StoredTaxiiCredential? FindTaxiiCredential(string username);

    /// <summary>Whether any agreement (any version, any status) names <paramref name="grantee"/>.</summary>
    bool HasAgreementWith(string grantee);

    /// <summary>Adds a TAXII credential, or replaces the listed part of an existing one (its hash never changes).</summary>
    AuditRecord SaveTaxiiCredential(StoredTaxiiCredential credential, AuditEntry entry);

    /// <summary>Appends a record that goes with no stored change (a share decision).</summary>
    AuditRecord AppendAudit(AuditEntry entry);
}
