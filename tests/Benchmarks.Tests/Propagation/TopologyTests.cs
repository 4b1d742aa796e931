using CyberPledge.Benchmarks.Propagation;

namespace CyberPledge.Benchmarks.Tests.Propagation;

public sealed class TopologyTests
{
    [Theory]
    [InlineData(32, 27, 5)]
    [InlineData(8, 7, 1)]
    [InlineData(4, 3, 1)]
    [InlineData(3, 2, 1)]
    [InlineData(2, 2, 0)]
    public void For_Nodes_FiveThirtySecondsPartnersAndTheRestAllies(int nodes, int allies, int partners)
    {
        var topology = Topology.For(nodes);

        Assert.Equal((allies, partners), (topology.Allies.Count, topology.Partners.Count));
        Assert.Equal(nodes, topology.Nations.Distinct().Count());
    }

    [Fact]
    public void LinksOf_ThirtyTwoNodes_EachPartnerLinkedToTwoDistinctAllies()
    {
        var topology = Topology.For(32);

        Assert.Equal(["JPN", "KOR", "AUS", "NZL", "UKR"], topology.Partners);
        Assert.All(topology.Partners, p => Assert.Equal(2, topology.LinksOf(p).Distinct().Count(a => topology.IsAlly(a))));
    }

    [Fact]
    public void PartnersOf_ThreeNodes_BothAlliesServeThePartner()
    {
        var topology = Topology.For(3);

        Assert.Equal(["NLD", "DEU"], topology.LinksOf("JPN"));
        Assert.Equal(["JPN"], topology.PartnersOf("NLD"));
        Assert.Equal(["JPN"], topology.PartnersOf("DEU"));
    }

    [Fact]
    public void For_MoreAlliesThanNatoHas_Refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Topology.For(64));
    }
}
