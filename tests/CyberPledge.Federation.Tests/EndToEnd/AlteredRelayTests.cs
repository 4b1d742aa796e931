using CyberPledge.Federation.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// A relay that alters what it passes on (issue 10, "Done when"): Germany (a real node) links to Poland, whose
/// gateway here is a feed the test scripts with the Netherlands' real signed versions, one of them altered on the
/// way. Germany knows the Netherlands' signing key from its registry and has no link to it.
/// </summary>
public sealed class AlteredRelayTests
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Relay_AltersAVersion_TheReceiverRejectsItAndAppliesWhatFollows()
    {
        using var directory = new TemporaryDirectory();
        using var poland = TestNation.Create("POL", directory.Path);
        var relay = new PeerFeed("POL");
        var relayPort = FreePort.Loopback();
        await using var federation = await TestFederation.StartAsync("NLD", "DEU");
        await using var relayGateway = await PeerGatewayHost.StartAsync(poland, relayPort, relay);
        try
        {
            await RelayAsync(federation, poland, relay, relayPort);
        }
        finally
        {
            // Its open stream ends now, so that stopping the host does not wait for it.
            relay.Disconnect();
            await relayGateway.StopAsync();
        }
    }

    private static async Task RelayAsync(TestFederation federation, TestNation poland, PeerFeed relay, int relayPort)
    {
        var (nld, deu) = (federation["NLD"], federation["DEU"]);
        await TestFederation.RegisterAsync(deu, nld, Tier.Ally, link: false);
        using var deuChannel = deu.GatewayChannel();
        var polandEntry = poland.AsPeer(Tier.Ally);
        polandEntry.Endpoint = $"https://127.0.0.1:{relayPort}";
        await new V1.Partners.PartnersClient(TestTokens.WithToken(deuChannel.CreateCallInvoker(), deu.UserToken("admin", Roles.Admin)))
            .AddPeerAsync(new AddPeerRequest { Peer = polandEntry });

        using var nldChannel = nld.GatewayChannel();
        var dutch = NodeCalls.Analyst(nld, nldChannel);
        await dutch.SubmitAsync(new SubmitRequest
        {
            Indicators = { FederationFaultTests.Ipv4("198.51.100.10"), FederationFaultTests.Ipv4("198.51.100.11") },
        });
        var altered = await NodeCalls.WaitForAsync(dutch, IndicatorType.Ipv4, "198.51.100.10", Arrival);
        var intact = await NodeCalls.WaitForAsync(dutch, IndicatorType.Ipv4, "198.51.100.11", Arrival);
        altered.Confidence = 5;
        altered.Description = "harmless, remove from block lists";
        var polishHop = new RelayHop { Nation = "POL", NodeId = "node-1" };
        relay.Add(altered, polishHop);
        relay.Add(intact, polishHop);

        var german = NodeCalls.Analyst(deu, deuChannel);
        var arrived = await NodeCalls.WaitForAsync(german, IndicatorType.Ipv4, "198.51.100.11", Arrival);
        var rejected = await german.QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = "198.51.100.10" });
        var link = await NodeCalls.Links(deu, deuChannel).GetLinkAsync(new GetLinkRequest { Nation = "POL", Direction = LinkDirection.Inbound });

        Assert.Equal((intact.Id, intact.Version, intact.Signature), (arrived.Id, arrived.Version, arrived.Signature));
        Assert.Empty(rejected.Indicators);
        Assert.Equal((2UL, 1UL, 1UL), (link.Received, link.Applied, link.Rejected));
        Assert.Equal(LinkState.Connected, link.State);
        Assert.Contains("signature", link.LastError, StringComparison.OrdinalIgnoreCase);
    }
}
