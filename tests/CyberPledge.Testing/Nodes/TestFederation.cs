using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Testing.Nodes;

/// <summary>
/// Several nodes as real processes on loopback (each: Indicators, Partners, Federation, Gateway), wired the way their
/// administrators wire them: each registers the other's CA, signing key and gateway, and grants it an agreement.
/// Calls go through the gateways as the nations' own administrators and analysts.
/// </summary>
public sealed class TestFederation : IAsyncDisposable
{
    private readonly Dictionary<string, TestNode> _nodes;

    private TestFederation(Dictionary<string, TestNode> nodes) => _nodes = nodes;

    /// <summary>The node of <paramref name="nation"/>.</summary>
    public TestNode this[string nation] => _nodes[nation];

    public IReadOnlyCollection<TestNode> Nodes => _nodes.Values;

    /// <summary>Starts one node per nation (in parallel), each with Federation.</summary>
    public static Task<TestFederation> StartAsync(params string[] nations) =>
        StartAsync(nations.Select(nation => new TestNodeOptions { Nation = nation, StartFederation = true }).ToArray());

    /// <summary>Starts one node per options (in parallel); each should have <see cref="TestNodeOptions.StartFederation"/>.</summary>
    public static async Task<TestFederation> StartAsync(params TestNodeOptions[] options)
    {
        var starting = options.Select(TestNode.StartAsync).ToList();
        try
        {
            var nodes = await Task.WhenAll(starting).ConfigureAwait(false);
            return new TestFederation(nodes.ToDictionary(node => node.Nation, StringComparer.Ordinal));
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Makes <paramref name="grantor"/> share with <paramref name="grantee"/>: each registers the other (CA, signing key,
    /// gateway), and the grantor creates and activates an agreement with <paramref name="rules"/>.
    /// </summary>
    public async Task<SharingAgreement> GrantAsync(string grantor, string grantee, Tier tier, AgreementRules rules, string? agreementId = null)
    {
        await RegisterAsync(_nodes[grantor], _nodes[grantee], tier).ConfigureAwait(false);
        await RegisterAsync(_nodes[grantee], _nodes[grantor], Tier.Ally).ConfigureAwait(false);
        using var channel = _nodes[grantor].GatewayChannel();
        var partners = Admin(_nodes[grantor], channel);
        var created = await partners.CreateAgreementAsync(new CreateAgreementRequest
        {
            Agreement = new SharingAgreement
            {
                Id = agreementId ?? $"{grantee}-{grantor}-1",
                Grantee = grantee,
                Tier = tier,
                Title = $"{grantor} shares with {grantee}",
                ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
                Rules = rules,
            },
        }).ResponseAsync.ConfigureAwait(false);
        return await partners.ActivateAgreementAsync(new AgreementTransitionRequest { Id = created.Id, ExpectedVersion = created.Version }).ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>
    /// Registers <paramref name="peer"/> at <paramref name="node"/> (once; later calls leave it as it is), with its gateway
    /// as endpoint (the node links to it) unless <paramref name="link"/> is false (its data only arrives relayed).
    /// </summary>
    public static async Task RegisterAsync(TestNode node, TestNode peer, Tier tier, bool link = true)
    {
        using var channel = node.GatewayChannel();
        var partners = Admin(node, channel);
        var known = await partners.ListPeersAsync(new ListPeersRequest()).ResponseAsync.ConfigureAwait(false);
        if (known.Peers.Any(p => p.Nation == peer.Nation))
        {
            return;
        }

        using var peerChannel = peer.GatewayChannel();
        var identity = await new Indicators.IndicatorsClient(TestTokens.WithToken(peerChannel.CreateCallInvoker(), peer.UserToken("admin", Roles.Admin)))
            .GetNodeIdentityAsync(new GetNodeIdentityRequest()).ResponseAsync.ConfigureAwait(false);
        var entry = peer.Identity.AsPeer(tier);
        entry.SigningKeys.Add(identity.PublicKey);
        entry.Endpoint = link ? peer.Gateway.Address.ToString().TrimEnd('/') : "";
        await partners.AddPeerAsync(new AddPeerRequest { Peer = entry }).ResponseAsync.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Partners.PartnersClient Admin(TestNode node, Grpc.Net.Client.GrpcChannel channel) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), node.UserToken("admin", Roles.Admin)));
}
