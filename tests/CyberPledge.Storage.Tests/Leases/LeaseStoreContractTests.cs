using CyberPledge.Storage.Leases;
using CyberPledge.Testing;

namespace CyberPledge.Storage.Tests.Leases;

/// <summary>What a lease store does on either database: one owner at a time, fencing numbers that rise with each change of hands, and fenced writes.</summary>
public abstract class LeaseStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    private ILeaseDatabase _database = null!;

    private ILeaseStore Leases => _database.Leases;

    protected abstract Task<ILeaseDatabase> CreateAsync();

    public async Task InitializeAsync() => _database = await CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task AcquireOrRenew_FreeThenRenewedByItsOwner_SameFencingLaterExpiry_AnotherOwnerRefused()
    {
        var taken = await Leases.AcquireOrRenewAsync("links", "replica-a", Long, CancellationToken.None);
        await Task.Delay(20);
        var renewed = await Leases.AcquireOrRenewAsync("links", "replica-a", Long, CancellationToken.None);
        var other = await Leases.AcquireOrRenewAsync("links", "replica-b", Long, CancellationToken.None);

        Assert.Equal(1, taken!.Fencing);
        Assert.Equal(1, renewed!.Fencing);
        Assert.True(renewed.ExpiresAt > taken.ExpiresAt);
        Assert.Null(other);
        Assert.Equal(("replica-a", 1L), ((await Leases.ReadAsync("links", CancellationToken.None))!.Owner, (await Leases.ReadAsync("links", CancellationToken.None))!.Fencing));
    }

    [Fact]
    public async Task AcquireOrRenew_OwnerStoppedRenewing_AnotherTakesItAfterExpiry_FencingRises_TheOldOwnerIsRefused()
    {
        var first = await Leases.AcquireOrRenewAsync("links", "replica-a", Short, CancellationToken.None);
        Assert.Null(await Leases.AcquireOrRenewAsync("links", "replica-b", Short, CancellationToken.None));

        await Task.Delay(Short + TimeSpan.FromMilliseconds(150));
        var second = await Leases.AcquireOrRenewAsync("links", "replica-b", Long, CancellationToken.None);
        var stale = await Leases.AcquireOrRenewAsync("links", "replica-a", Long, CancellationToken.None);

        Assert.Equal((1L, 2L), (first!.Fencing, second!.Fencing));
        Assert.Null(stale);
    }

    [Fact]
    public async Task Release_AnotherTakesItAtOnceWithTheNextFencing_AReleaseFromAnOldGrantChangesNothing()
    {
        var first = await Leases.AcquireOrRenewAsync("links", "replica-a", Long, CancellationToken.None);
        await Leases.ReleaseAsync(first!, CancellationToken.None);
        var second = await Leases.AcquireOrRenewAsync("links", "replica-b", Long, CancellationToken.None);
        await Leases.ReleaseAsync(first!, CancellationToken.None);

        Assert.Equal(2, second!.Fencing);
        Assert.Null(await Leases.AcquireOrRenewAsync("links", "replica-a", Long, CancellationToken.None));
    }

    [Fact]
    public async Task AcquireOrRenew_EightReplicasRaceForAFreeLease_ExactlyOneGetsIt()
    {
        var grants = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Leases.AcquireOrRenewAsync("polling", "replica-" + i, Long, CancellationToken.None))));

        var winner = Assert.Single(grants, g => g is not null);
        Assert.Equal(1, winner!.Fencing);
        Assert.Equal(winner.Owner, (await Leases.ReadAsync("polling", CancellationToken.None))!.Owner);
    }

    [Fact]
    public async Task FencedWrite_FromAStaleOwner_RefusedAndNotWritten_TheNewOwnersWritesGoOn()
    {
        Assert.True(await _database.FencedInsertAsync("links", 1, "from a, fencing 1"));
        Assert.True(await _database.FencedInsertAsync("links", 2, "from b, fencing 2"));

        var stale = await _database.FencedInsertAsync("links", 1, "from a again, fencing 1");

        Assert.False(stale);
        Assert.True(await _database.FencedInsertAsync("links", 2, "from b again, fencing 2"));
        Assert.True(await _database.FencedInsertAsync("other-lease", 1, "another lease's own numbers"));
        Assert.Equal(0L, Convert.ToInt64(await _database.ScalarAsync("SELECT COUNT(*) FROM items WHERE value LIKE 'from a again%'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4L, Convert.ToInt64(await _database.ScalarAsync("SELECT COUNT(*) FROM items"), System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteLeaseStoreContractTests : LeaseStoreContractTests
{
    protected override Task<ILeaseDatabase> CreateAsync() => Task.FromResult<ILeaseDatabase>(new SqliteLeaseDatabase(TimeProvider.System));
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseStoreContractTests(PostgresServer server) : LeaseStoreContractTests
{
    protected override async Task<ILeaseDatabase> CreateAsync() => await PostgresLeaseDatabase.CreateAsync(server);
}
