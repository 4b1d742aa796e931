using System.Runtime.CompilerServices;
using CyberPledge.V1;

namespace CyberPledge.Partners.Peers;

/// <summary>
/// WatchPeers: the whole registry, then the whole registry again each time its revision moves. Every commit to the
/// store wakes the watch (agreements and share decisions too), so it first reads only the revision; the short pause
/// after a wake lets a burst of changes (a script adding twenty peers) go out as one snapshot.
/// </summary>
internal sealed class PeerWatch(IPartnerStore store, TimeProvider time)
{
    /// <summary>How long a wake waits for the rest of a burst; also the most snapshots a second a watcher gets (10).</summary>
    public static readonly TimeSpan Coalescing = TimeSpan.FromMilliseconds(100);

    public async IAsyncEnumerable<PeerRegistrySnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The cursor is taken before the read: a change committed in between wakes the loop, which finds it already sent.
        var cursor = store.LastSequence;
        var snapshot = await store.ReadPeerRegistryAsync(cancellationToken).ConfigureAwait(false);
        var sent = snapshot.Revision;
        yield return snapshot;
        while (true)
        {
            await store.WaitForChangeAsync(cursor, cancellationToken).ConfigureAwait(false);
            await Task.Delay(Coalescing, time, cancellationToken).ConfigureAwait(false);
            cursor = store.LastSequence;
            if (await store.GetPeerRevisionAsync(cancellationToken).ConfigureAwait(false) <= sent)
            {
                continue;
            }

            snapshot = await store.ReadPeerRegistryAsync(cancellationToken).ConfigureAwait(false);
            sent = snapshot.Revision;
            yield return snapshot;
        }
    }
}
