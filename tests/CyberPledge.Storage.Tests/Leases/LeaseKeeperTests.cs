using System.Diagnostics;
using CyberPledge.Storage.Leases;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CyberPledge.Storage.Tests.Leases;

/// <summary>
/// Two replicas' keepers on one PostgreSQL database: the work runs on one at a time, moves when its owner is cut off
/// from the database or shuts down, and the cut-off owner has stopped before the other starts.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LeaseKeeperTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromMilliseconds(900);

    private PostgresLeaseDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresLeaseDatabase.CreateAsync(server);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Owner_CutOffFromTheDatabase_StopsItsWork_ThenTheOtherReplicaTakesOverWithTheNextFencing()
    {
        var cutOff = new SeveredLeaseStore(_database.Leases);
        var log = new WorkLog();
        using var stop = new CancellationTokenSource();
        var a = Keeper(cutOff, "replica-a");
        var runA = a.RunAsync((grant, token) => log.RunAsync("a", grant, token), stop.Token);
        await WaitUntilAsync(() => log.Started("a"));
        var b = Keeper(_database.Leases, "replica-b");
        var runB = b.RunAsync((grant, token) => log.RunAsync("b", grant, token), stop.Token);
        await Task.Delay(TimeToLive * 2);
        Assert.False(log.Started("b"), "the lease moved while its owner renewed it");

        var clock = Stopwatch.StartNew();
        cutOff.Severed = true;
        await WaitUntilAsync(() => log.Started("b"));
        var failover = clock.Elapsed;

        var (aStopped, bStarted) = (log.StoppedAt("a")!.Value, log.StartedAt("b")!.Value);
        Assert.True(aStopped <= bStarted, "the cut-off owner still worked when the other started");
        Assert.Equal((1L, 2L), (log.Fencing("a"), log.Fencing("b")));
        Assert.True(failover < TimeSpan.FromSeconds(5), $"failover took {failover}");
        Assert.Null(a.Held);
        Assert.Equal(2, b.Held!.Fencing);
        await stop.CancelAsync();
        await Task.WhenAll(runA, runB);
    }

    [Fact]
    public async Task Owner_ShutsDown_ReleasesTheLease_TheOtherTakesItWithinItsRetry()
    {
        var log = new WorkLog();
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = Keeper(_database.Leases, "replica-a").RunAsync((grant, token) => log.RunAsync("a", grant, token), stopA.Token);
        await WaitUntilAsync(() => log.Started("a"));
        var runB = Keeper(_database.Leases, "replica-b").RunAsync((grant, token) => log.RunAsync("b", grant, token), stopB.Token);

        var clock = Stopwatch.StartNew();
        await stopA.CancelAsync();
        await runA;
        await WaitUntilAsync(() => log.Started("b"));

        Assert.True(clock.Elapsed < TimeToLive, $"took {clock.Elapsed}: not released, it expired");
        await stopB.CancelAsync();
        await runB;
    }

    private static LeaseKeeper Keeper(ILeaseStore store, string owner) =>
        new(store, new LeaseKeeperOptions("federation.links", owner) { TimeToLive = TimeToLive, Margin = TimeSpan.FromMilliseconds(200), Retry = TimeSpan.FromMilliseconds(100) },
            TimeProvider.System, NullLogger<LeaseKeeper>.Instance);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; !condition(); i++)
        {
            Assert.True(i < 200, "timed out");
            await Task.Delay(50);
        }
    }

    /// <summary>A lease store this replica can no longer reach, as if the network to the database went down.</summary>
    private sealed class SeveredLeaseStore(ILeaseStore inner) : ILeaseStore
    {
        public volatile bool Severed;

        public Task<LeaseGrant?> AcquireOrRenewAsync(string name, string owner, TimeSpan ttl, CancellationToken cancellationToken) =>
            Severed ? throw new TimeoutException("the database is unreachable") : inner.AcquireOrRenewAsync(name, owner, ttl, cancellationToken);

        public Task ReleaseAsync(LeaseGrant grant, CancellationToken cancellationToken) =>
            Severed ? throw new TimeoutException("the database is unreachable") : inner.ReleaseAsync(grant, cancellationToken);

        public Task<LeaseGrant?> ReadAsync(string name, CancellationToken cancellationToken) => inner.ReadAsync(name, cancellationToken);
    }

    /// <summary>When each replica's work started and stopped, and under which fencing number.</summary>
    private sealed class WorkLog
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (long Started, long? Stopped, long Fencing)> _runs = [];

        public async Task RunAsync(string replica, LeaseGrant grant, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _runs[replica] = (Stopwatch.GetTimestamp(), null, grant.Fencing);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                lock (_lock)
                {
                    _runs[replica] = _runs[replica] with { Stopped = Stopwatch.GetTimestamp() };
                }
            }
        }

        public bool Started(string replica) => StartedAt(replica) is not null;

        public long? StartedAt(string replica)
        {
            lock (_lock)
            {
                return _runs.TryGetValue(replica, out var run) ? run.Started : null;
            }
        }

        public long? StoppedAt(string replica)
        {
            lock (_lock)
            {
                return _runs.TryGetValue(replica, out var run) ? run.Stopped : null;
            }
        }

        public long Fencing(string replica)
        {
            lock (_lock)
            {
                return _runs[replica].Fencing;
            }
        }
    }
}
