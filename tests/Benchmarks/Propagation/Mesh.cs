using System.Diagnostics;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// The benchmark's federation: one <see cref="TestNode"/> per nation (Indicators, Partners, Federation and Gateway as
/// separate processes, each node with its own identity, stores and ports on loopback), started in waves, then wired
/// through the gateways as each nation's administrator: peers registered, agreements activated, and only then the
/// gateways' endpoints given, so no link meets a missing agreement (which would back it off for 30 s).
/// </summary>
internal sealed class Mesh : IAsyncDisposable
{
    private const int Parallel = 8;

    private readonly Dictionary<string, TestNode> _nodes;
    private readonly Dictionary<string, GrpcChannel> _channels;

    private Mesh(Topology topology, Dictionary<string, TestNode> nodes)
    {
        Topology = topology;
        _nodes = nodes;
        _channels = nodes.ToDictionary(n => n.Key, n => n.Value.GatewayChannel(), StringComparer.Ordinal);
    }

    public Topology Topology { get; }

    public IReadOnlyDictionary<string, TestNode> Nodes => _nodes;

    /// <summary>The node's gateway channel (TLS, trusting the node's CA), shared by the benchmark's callers.</summary>
    public GrpcChannel Channel(string nation) => _channels[nation];

    public static async Task<Mesh> StartAsync(Topology topology, int wave, IReadOnlyDictionary<string, string?> environment)
    {
        var nodes = new Dictionary<string, TestNode>(StringComparer.Ordinal);
        try
        {
            foreach (var chunk in topology.Nations.Chunk(wave))
            {
                var watch = Stopwatch.StartNew();
                var started = await Task.WhenAll(chunk.Select(nation =>
                    TestNode.StartAsync(new TestNodeOptions { Nation = nation, StartFederation = true, ProcessEnvironment = environment })));
                foreach (var node in started)
                {
                    nodes[node.Nation] = node;
                }

                Console.WriteLine($"started {string.Join(' ', chunk)} in {watch.Elapsed.TotalSeconds:F1} s ({nodes.Count}/{topology.Nations.Count()} nodes)");
            }
        }
        catch
        {
            await Task.WhenAll(nodes.Values.Select(n => n.DisposeAsync().AsTask()));
            throw;
        }

        return new Mesh(topology, nodes);
    }

    /// <summary>Registers the peers, activates the agreements, then gives the endpoints the links follow.</summary>
    public async Task WireAsync()
    {
        var signingKeys = new Dictionary<string, Google.Protobuf.ByteString>(StringComparer.Ordinal);
        foreach (var nation in _nodes.Keys)
        {
            var identity = await Indicators(nation).GetNodeIdentityAsync(new GetNodeIdentityRequest());
            signingKeys[nation] = identity.PublicKey;
        }

        // (registering node, peer, peer's tier, whether the node links to it)
        var registrations = new List<(string Node, string Peer, Tier Tier, bool Link)>();
        foreach (var ally in Topology.Allies)
        {
            registrations.AddRange(Topology.Allies.Where(a => a != ally).Select(a => (ally, a, Tier.Ally, true)));
            registrations.AddRange(Topology.PartnersOf(ally).Select(p => (ally, p, Tier.Partner, false)));
        }

        foreach (var partner in Topology.Partners)
        {
            // Every ally's signing key: the others' versions arrive relayed through the linked allies.
            registrations.AddRange(Topology.Allies.Select(a => (partner, a, Tier.Ally, Topology.LinksOf(partner).Contains(a))));
        }

        var added = new System.Collections.Concurrent.ConcurrentDictionary<(string, string), Peer>();
        await ForEachAsync(registrations, async r =>
        {
            var entry = _nodes[r.Peer].Identity.AsPeer(r.Tier);
            entry.SigningKeys.Add(signingKeys[r.Peer]);
            added[(r.Node, r.Peer)] = await RetryAsync(async () =>
            {
                try
                {
                    return await Admin(r.Node).AddPeerAsync(new AddPeerRequest { Peer = entry }).ResponseAsync;
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
                {
                    // An earlier attempt got through after all.
                    return await Admin(r.Node).GetPeerAsync(new GetPeerRequest { Nation = r.Peer }).ResponseAsync;
                }
            });
        });

        var agreements = Topology.Allies.SelectMany(g => Topology.Allies.Where(a => a != g).Select(a => (Grantor: g, Grantee: a, Tier: Tier.Ally)))
            .Concat(Topology.Partners.SelectMany(p => Topology.LinksOf(p).Select(a => (Grantor: a, Grantee: p, Tier: Tier.Partner))))
            .ToList();
        await ForEachAsync(agreements, async a => await GrantAsync(a.Grantor, a.Grantee, a.Tier));

        await ForEachAsync(registrations.Where(r => r.Link).ToList(), async r =>
        {
            var peer = added[(r.Node, r.Peer)];
            var linked = peer.Clone();
            linked.Endpoint = _nodes[r.Peer].Gateway.Address.ToString().TrimEnd('/');
            await RetryAsync(async () => await Admin(r.Node).UpdatePeerAsync(new UpdatePeerRequest { Peer = linked, ExpectedVersion = peer.Version }).ResponseAsync);
        });
        Console.WriteLine($"wired: {registrations.Count} registry entries, {agreements.Count} agreements, {registrations.Count(r => r.Link)} links");
    }

    /// <summary>Every node's inbound links (through its gateway, as its analyst).</summary>
    public async Task<IReadOnlyList<(string Nation, LinkStatus Link)>> InboundLinksAsync()
    {
        var links = new List<(string, LinkStatus)>();
        foreach (var nation in _nodes.Keys)
        {
            var client = new V1.Federation.FederationClient(TestTokens.WithToken(_channels[nation].CreateCallInvoker(), _nodes[nation].UserToken("analyst", Roles.Analyst)));
            var response = await client.ListLinksAsync(new ListLinksRequest());
            links.AddRange(response.Links.Where(l => l.Direction == LinkDirection.Inbound).Select(l => (nation, l)));
        }

        return links;
    }

    /// <summary>The node's Indicators through its gateway, as its analyst.</summary>
    public V1.Indicators.IndicatorsClient Indicators(string nation) =>
        new(TestTokens.WithToken(_channels[nation].CreateCallInvoker(), _nodes[nation].UserToken("analyst", Roles.Analyst)));

    public async ValueTask DisposeAsync()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        await Task.WhenAll(_nodes.Values.Select(n => n.DisposeAsync().AsTask()));
    }

    private static Task ForEachAsync<T>(IReadOnlyList<T> items, Func<T, Task> action) =>
        System.Threading.Tasks.Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (item, _) => await action(item));

    /// <summary>
    /// Setup calls again after a connection that failed (UNAVAILABLE: on an overloaded machine a TLS handshake to a
    /// gateway can time out), up to 5 attempts.
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
        }
    }

    private async Task GrantAsync(string grantor, string grantee, Tier tier)
    {
        var partners = Admin(grantor);
        var agreement = new SharingAgreement
        {
            Id = $"{grantee}-{grantor}-1",
            Grantee = grantee,
            Tier = tier,
            Title = $"{grantor} shares with {grantee}",
            ValidFrom = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-1)),
            Rules = tier == Tier.Ally ? ScenarioRules.Ally() : ScenarioRules.Partner(),
        };
        var created = await RetryAsync(async () =>
        {
            try
            {
                return await partners.CreateAgreementAsync(new CreateAgreementRequest { Agreement = agreement }).ResponseAsync;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
                return await partners.GetAgreementAsync(new GetAgreementRequest { Id = agreement.Id }).ResponseAsync;
            }
        });
        if (created.Status != AgreementStatus.Active)
        {
            await RetryAsync(async () =>
                await partners.ActivateAgreementAsync(new AgreementTransitionRequest { Id = created.Id, ExpectedVersion = created.Version }).ResponseAsync);
        }
    }

    private V1.Partners.PartnersClient Admin(string nation) =>
        new(TestTokens.WithToken(_channels[nation].CreateCallInvoker(), _nodes[nation].UserToken("admin", Roles.Admin)));
}
