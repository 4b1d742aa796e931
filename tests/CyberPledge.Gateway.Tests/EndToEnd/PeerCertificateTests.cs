using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>
/// Peer nodes at the gateway: admitted by a certificate that chains to the CA the Partners registry holds for their
/// nation, refused otherwise, and cut off when removed. Each test uses its own nations.
/// </summary>
public sealed class PeerCertificateTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan RegistryDelay = TimeSpan.FromSeconds(5);

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Call_PeerWithCertificateFromRegisteredCa_GetsThroughAsItsNodeRole()
    {
        using var germany = TestNation.Create("DEU", Node.Directory);
        await RegisterAsync(germany);
        using var channel = Node.GatewayChannel(germany.Node);
        var peer = Calls.Indicators(channel);

        await Eventually.Reach(() => Calls.StatusOf(() => peer.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.OK, RegistryDelay);
        // Forwarded as node:DEU:node-1, which Query's allow-list (this nation's staff) does not hold.
        var query = await Calls.StatusOf(() => peer.QueryAsync(new QueryRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, query);
    }

    [Fact]
    public async Task Call_CertificateOfUnregisteredNation_IsUnauthenticated()
    {
        using var france = TestNation.Create("FRA", Node.Directory);
        using var channel = Node.GatewayChannel(france.Node);

        var status = await Calls.StatusOf(() => Calls.Indicators(channel).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task Call_ExpiredCertificateFromRegisteredCa_IsUnauthenticated()
    {
        using var belgium = TestNation.Create("BEL", Node.Directory);
        await RegisterAsync(belgium);
        var now = DateTimeOffset.UtcNow;
        using var expired = belgium.IssueNode("node-2", now.AddDays(-1.5), now.AddHours(-1));
        using var current = Node.GatewayChannel(belgium.Node);
        using var channel = Node.GatewayChannel(expired);
        await Eventually.Reach(() => Calls.StatusOf(() => Calls.Indicators(current).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.OK, RegistryDelay);

        var status = await Calls.StatusOf(() => Calls.Indicators(channel).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, status);
    }

    [Fact]
    public async Task Call_PeerRemovedFromRegistry_IsRefusedOnItsOpenConnectionWithinSeconds()
    {
        using var poland = TestNation.Create("POL", Node.Directory);
        await RegisterAsync(poland);
        using var channel = Node.GatewayChannel(poland.Node);
        var peer = Calls.Indicators(channel);
        await Eventually.Reach(() => Calls.StatusOf(() => peer.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.OK, RegistryDelay);

        using (var admin = Node.GatewayChannel())
        {
            await Calls.Partners(admin, Node.UserToken("root", Roles.Admin)).RemovePeerAsync(new RemovePeerRequest { Nation = "POL" }, deadline: Calls.Deadline);
        }

        var took = await Eventually.Reach(() => Calls.StatusOf(() => peer.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.Unauthenticated, RegistryDelay);

        Assert.True(took < RegistryDelay);
    }

    [Fact]
    public async Task Call_PeerIssuedThroughIntermediateCaItSends_GetsThrough()
    {
        using var root = CustomCertificates.Ca("CN=ITA root CA, O=ITA", issuer: null);
        using var issuing = CustomCertificates.Ca("CN=ITA issuing CA, O=ITA", root);
        using var leaf = CustomCertificates.Leaf("CN=rome-1, O=ITA", issuing, [CustomCertificates.ClientAuthentication]);
        using (var admin = Node.GatewayChannel())
        {
            await Calls.Partners(admin, Node.UserToken("root", Roles.Admin)).AddPeerAsync(
                new AddPeerRequest { Peer = new Peer { Nation = "ITA", Name = "Italy", Tier = Tier.Ally, CaCertificatePem = root.ExportCertificatePem() } },
                deadline: Calls.Deadline);
        }

        using var withChain = Node.GatewayChannel(leaf, [issuing]);
        using var leafOnly = Node.GatewayChannel(leaf);
        var admitted = await Eventually.Reach(() => Calls.StatusOf(() => Calls.Indicators(withChain).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync), StatusCode.OK, RegistryDelay);
        var withoutIntermediate = await Calls.StatusOf(() => Calls.Indicators(leafOnly).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.True(admitted < RegistryDelay);
        Assert.Equal(StatusCode.Unauthenticated, withoutIntermediate);
    }

    private async Task RegisterAsync(TestNation nation)
    {
        using var channel = Node.GatewayChannel();
        await Calls.Partners(channel, Node.UserToken("root", Roles.Admin)).AddPeerAsync(new AddPeerRequest { Peer = nation.AsPeer() }, deadline: Calls.Deadline);
    }
}
