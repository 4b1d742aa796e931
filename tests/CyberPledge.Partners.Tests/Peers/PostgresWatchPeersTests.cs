using CyberPledge.Partners.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Partners.Tests.Peers;

/// <summary>WatchPeers on PostgreSQL, where a change may come from another replica on the same database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresWatchPeersTests(PostgresServer server) : WatchPeersTests
{
    private protected override async Task<PartnersHost> StartHostAsync() => await PartnersHost.StartAsync(postgres: await server.CreateDatabaseAsync());

    [Fact]
    public async Task WatchPeers_ChangeThroughAnotherReplica_ReachesThisReplicasWatcherSoon()
    {
        var database = await server.CreateDatabaseAsync();
        await using var watched = await PartnersHost.StartAsync(postgres: database);
        await using var other = await PartnersHost.StartAsync(postgres: database);
        using var call = WatchAsGateway(watched);
        var empty = await NextAsync(call);

        await other.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("JPN") });
        var added = await NextAsync(call);
        await other.Admin.RemovePeerAsync(new RemovePeerRequest { Nation = "JPN" });
        var removed = await NextAsync(call);

        Assert.Equal(["JPN"], Nations(added));
        Assert.Empty(removed.Peers);
        Assert.True(empty.Revision < added.Revision && added.Revision < removed.Revision);
    }
}
