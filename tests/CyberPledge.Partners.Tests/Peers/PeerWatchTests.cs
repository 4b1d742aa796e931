using CyberPledge.Partners.Peers;
using CyberPledge.Partners.Storage;
using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Partners.Tests.Peers;

/// <summary>The watch itself, on a clock the test drives: a burst of changes goes out as one snapshot.</summary>
public sealed class PeerWatchTests
{
    [Fact]
    public async Task WatchAsync_BurstOfChangesDuringThePause_OneSnapshotHoldingThemAll()
    {
        using var directory = new TemporaryDirectory();
        var clock = new ManualTimeProvider();
        await using var store = SqlitePartnerStore.Open(directory.Path, clock, NullLogger.Instance);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var snapshots = new PeerWatch(store, clock).WatchAsync(cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.True(await snapshots.MoveNextAsync());
        Assert.Empty(snapshots.Current.Peers);
        var next = snapshots.MoveNextAsync().AsTask();

        string[] nations = ["AUS", "CAN", "GBR", "JPN", "NZL"];
        foreach (var nation in nations)
        {
            await store.WriteAsync(tx => tx.SavePeer(TestData.Peer(nation), TestData.Entry("peer.added", nation)), cancel.Token);
        }

        while (clock.PendingTimers == 0)
        {
            await Task.Delay(10, cancel.Token);
        }

        Assert.False(next.IsCompleted);
        clock.Advance(PeerWatch.Coalescing);
        Assert.True(await next);
        Assert.Equal(nations, snapshots.Current.Peers.Select(p => p.Nation));
        Assert.Equal(store.LastSequence, snapshots.Current.Revision);
    }
}
