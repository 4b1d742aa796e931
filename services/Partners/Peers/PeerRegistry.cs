using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Grpc;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Peers;

/// <summary>
/// The registry of nations whose nodes this node talks to or accepts data from (DESIGN.md Decision 3). Each change
/// is checked against the stored state inside the write, and written with its audit record.
/// </summary>
internal sealed class PeerRegistry(IPartnerStore store, TimeProvider time)
{
    public Task<Peer> AddAsync(Peer? given, string actor, CancellationToken cancellationToken)
    {
        var peer = PeerValidator.Normalize(given);
        var now = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        peer.Version = 1;
        peer.Added = now;
        peer.Updated = now;
        return store.WriteAsync(transaction =>
        {
            if (transaction.FindPeer(peer.Nation) is not null)
            {
                throw Refusals.AlreadyExists($"peer {peer.Nation}");
            }

            transaction.SavePeer(peer, Entry(actor, "peer.added", peer.Nation, null, peer));
            return peer;
        }, cancellationToken);
    }

    public Task<Peer> UpdateAsync(Peer? given, ulong expectedVersion, string actor, CancellationToken cancellationToken)
    {
        var peer = PeerValidator.Normalize(given);
        return store.WriteAsync(transaction =>
        {
            var current = transaction.FindPeer(peer.Nation) ?? throw Refusals.NotFound($"peer {peer.Nation}");
            if (current.Version != expectedVersion)
            {
                throw Refusals.StaleVersion($"peer {peer.Nation}", expectedVersion, current.Version);
            }

            peer.Version = current.Version + 1;
            peer.Added = current.Added;
            peer.Updated = Timestamp.FromDateTimeOffset(time.GetUtcNow());
            transaction.SavePeer(peer, Entry(actor, "peer.updated", peer.Nation, current, peer));
            return peer;
        }, cancellationToken);
    }

    public Task RemoveAsync(string nation, string actor, CancellationToken cancellationToken)
    {
        var code = PeerValidator.Nation("nation", nation);
        return store.WriteAsync(transaction =>
        {
            var current = transaction.FindPeer(code) ?? throw Refusals.NotFound($"peer {code}");
            return transaction.RemovePeer(code, Entry(actor, "peer.removed", code, current, null));
        }, cancellationToken);
    }

    public async Task<Peer> GetAsync(string nation, CancellationToken cancellationToken)
    {
        var code = PeerValidator.Nation("nation", nation);
        return await store.GetPeerAsync(code, cancellationToken).ConfigureAwait(false) ?? throw Refusals.NotFound($"peer {code}");
    }

    public Task<IReadOnlyList<Peer>> ListAsync(CancellationToken cancellationToken) => store.ListPeersAsync(cancellationToken);

    private AuditEntry Entry(string actor, string action, string nation, Peer? before, Peer? after) =>
        new(time.GetUtcNow(), actor, action, "peer:" + nation, nation, CanonicalJson.Of(before), CanonicalJson.Of(after));
}
