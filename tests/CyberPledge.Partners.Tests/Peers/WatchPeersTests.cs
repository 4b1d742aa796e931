using CyberPledge.Partners.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Peers;

/// <summary>
/// WatchPeers over the wire, on every store (a subclass says which): the whole registry first, then a new whole
/// snapshot with a higher revision after each change, soon enough for the gateway to cut a removed peer in seconds.
/// </summary>
public abstract class WatchPeersTests
{
    /// <summary>How soon a change must reach an open watcher.</summary>
    protected static readonly TimeSpan Soon = TimeSpan.FromSeconds(2);

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(60);

    /// <summary>A Partners host on the store under test, with an empty registry.</summary>
    private protected abstract Task<PartnersHost> StartHostAsync();

    /// <summary>The node's gateway, as it watches the registry.</summary>
    private protected static AsyncServerStreamingCall<PeerRegistrySnapshot> WatchAsGateway(PartnersHost host) =>
        host.ClientWith(host.Tokens.For(Roles.Service("gateway"))).WatchPeers(new WatchPeersRequest(), deadline: Deadline);

    /// <summary>The next snapshot, which must come within <see cref="Soon"/>.</summary>
    protected static async Task<PeerRegistrySnapshot> NextAsync(AsyncServerStreamingCall<PeerRegistrySnapshot> call)
    {
        using var soon = new CancellationTokenSource(Soon);
        Assert.True(await call.ResponseStream.MoveNext(soon.Token));
        return call.ResponseStream.Current;
    }

    protected static string[] Nations(PeerRegistrySnapshot snapshot) => [.. snapshot.Peers.Select(p => p.Nation)];

    [Fact]
    public async Task WatchPeers_AddUpdateRemove_EachANewWholeSnapshotSoonWithAGrowingRevision()
    {
        await using var host = await StartHostAsync();
        await host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("JPN") });
        using var call = WatchAsGateway(host);

        var first = await NextAsync(call);
        Assert.Equal(["JPN"], Nations(first));
        Assert.True(first.Revision > 0);
        Assert.NotEmpty(first.Peers[0].CaCertificatePem);
        Assert.Single(first.Peers[0].SigningKeys);

        await host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("KOR", Tier.Ally) });
        var added = await NextAsync(call);
        Assert.Equal(["JPN", "KOR"], Nations(added));
        Assert.True(added.Revision > first.Revision);

        var korea = TestData.Peer("KOR", Tier.Ally);
        korea.Name = "Republic of Korea";
        await host.Admin.UpdatePeerAsync(new UpdatePeerRequest { Peer = korea, ExpectedVersion = 1 });
        var updated = await NextAsync(call);
        Assert.Equal(("Republic of Korea", 2ul), (updated.Peers[1].Name, updated.Peers[1].Version));
        Assert.True(updated.Revision > added.Revision);

        await host.Admin.RemovePeerAsync(new RemovePeerRequest { Nation = "JPN" });
        var removed = await NextAsync(call);
        Assert.Equal(["KOR"], Nations(removed));
        Assert.True(removed.Revision > updated.Revision);
    }

    [Fact]
    public async Task WatchPeers_AgreementChangesOnly_NoSnapshotUntilTheRegistryChanges()
    {
        await using var host = await StartHostAsync();
        await host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("JPN") });
        using var call = host.ClientWith(host.Tokens.Federation).WatchPeers(new WatchPeersRequest(), deadline: Deadline);
        var first = await NextAsync(call);
        var next = call.ResponseStream.MoveNext(CancellationToken.None);

        await host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        await host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 });
        await Task.Delay(Soon);
        Assert.False(next.IsCompleted);

        await host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer("KOR") });
        Assert.True(await next.WaitAsync(Soon));
        Assert.Equal(["JPN", "KOR"], Nations(call.ResponseStream.Current));
        Assert.Equal(["JPN"], Nations(first));
        Assert.True(call.ResponseStream.Current.Revision > first.Revision);
    }

    [Fact]
    public async Task WatchPeers_NoTokenOrPartner_UnauthenticatedOrPermissionDenied()
    {
        await using var host = await StartHostAsync();

        var anonymous = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(host.Anonymous));
        var partner = await Assert.ThrowsAsync<RpcException>(() => FirstAsync(host.Partner("JPN")));

        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, partner.StatusCode);
        Assert.Equal(0ul, (await FirstAsync(host.Analyst)).Revision);
    }

    private static async Task<PeerRegistrySnapshot> FirstAsync(V1.Partners.PartnersClient client)
    {
        using var call = client.WatchPeers(new WatchPeersRequest(), deadline: Deadline);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return call.ResponseStream.Current;
    }
}
