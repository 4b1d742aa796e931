using CyberPledge.AppHost.Topology;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.AppHost.Tests.Topology;

public sealed class TopologyFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public void Load_Default_AlliesInFullMeshAndJapanLinkedToNetherlandsUnderPartnerBaseline()
    {
        var topology = TopologyFile.Load(TopologyFile.Resolve("default"));

        Assert.Equal(["NLD", "DEU", "POL", "JPN"], topology.Nodes.Select(n => n.Nation));
        Assert.Equal(Tier.Partner, topology.Node("JPN").Tier);
        Assert.True(topology.Linked("NLD", "DEU") && topology.Linked("DEU", "POL") && topology.Linked("POL", "NLD"));
        Assert.True(topology.Linked("NLD", "JPN"));
        Assert.False(topology.Linked("DEU", "JPN"));
        Assert.Equal(["JPN"], topology.PartnersOf("NLD"));
        Assert.Empty(topology.PartnersOf("DEU"));

        // Both directions of each of the four links; the grantee's own tier, the link's template.
        var agreements = topology.Agreements.ToList();
        Assert.Equal(8, agreements.Count);
        var forJapan = Assert.Single(agreements, a => a.Grantee == "JPN");
        Assert.Equal(("NLD", Tier.Partner, Tier.Partner, TimeSpan.Zero), (forJapan.Grantor, forJapan.Tier, forJapan.Template, forJapan.Embargo));
        var fromJapan = Assert.Single(agreements, a => a.Grantor == "JPN");
        Assert.Equal(("NLD", Tier.Ally, Tier.Partner), (fromJapan.Grantee, fromJapan.Tier, fromJapan.Template));
        Assert.All(agreements.Where(a => a.Grantor != "JPN" && a.Grantee != "JPN"), a => Assert.Equal((Tier.Ally, Tier.Ally, (TimeSpan?)null), (a.Tier, a.Template, a.Embargo)));
    }

    [Theory]
    [InlineData("8", 8, 15 + 3)]
    [InlineData("32", 32, 27 * 26 / 2 + 10)]
    public void Load_BuiltInLargerFederations_HaveTheirNodesAndLinks(string name, int nodes, int links)
    {
        var topology = TopologyFile.Load(TopologyFile.Resolve(name));

        Assert.Equal(nodes, topology.Nodes.Count);
        Assert.Equal(links, topology.Links.Count);
    }

    [Fact]
    public void Load_ListedLinkBetweenAllies_KeepsItsEmbargoOverTheMesh()
    {
        var topology = TopologyFile.Load(Write("""
            { "nodes": [ { "nation": "NLD" }, { "nation": "DE" } ], "allyMesh": true, "links": [ { "between": ["NLD", "DEU"], "embargo": "00:10:00" } ] }
            """));

        var link = Assert.Single(topology.Links);
        Assert.Equal(TimeSpan.FromMinutes(10), link.Embargo);
        Assert.Equal("DEU", topology.Nodes[1].Nation);
    }

    [Theory]
    [InlineData("""{ "nodes": [ { "nation": "NLD" }, { "nation": "NLD" } ] }""", "NLD is listed twice")]
    [InlineData("""{ "nodes": [ { "nation": "ABC" } ] }""", "\"ABC\" is not an ISO 3166-1 nation code")]
    [InlineData("""{ "nodes": [ { "nation": "NLD" } ], "links": [ { "between": ["NLD", "JPN"] } ] }""", "\"JPN\" is not one of the nodes")]
    [InlineData("""{ "nodes": [ { "nation": "NLD", "tier": "friend" } ] }""", "tier \"friend\" is neither ally nor partner")]
    [InlineData("""{ "nodes": [ { "nation": "NLD", "nodeId": "Node_1" } ] }""", "\"Node_1\" is not a node id")]
    [InlineData("""{ "nodes": [ { "nation": "NLD" } ], "extra": 1 }""", "extra")]
    [InlineData("""{ "nodes": [] }""", "no nodes")]
    public void Load_InconsistentFile_FailsNamingTheProblem(string json, string expected)
    {
        var error = Assert.Throws<TopologyException>(() => TopologyFile.Load(Write(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Dispose();

    private string Write(string json)
    {
        var path = Path.Combine(_directory.Path, "topology.json");
        File.WriteAllText(path, json);
        return path;
    }
}
