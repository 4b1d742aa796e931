using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Validation;

public sealed class OriginRulesTests
{
    [Theory]
    [InlineData("FR", "node-1")]
    [InlineData("FRA", "paris.cert-fr")]
    [InlineData("UA", "0")]
    public void Check_ValidOrigin_ReturnsNull(string nation, string node)
    {
        Assert.Null(OriginRules.Check(new Origin { Nation = nation, NodeId = node }, "origin"));
    }

    [Theory]
    [InlineData("fr", "node-1", "origin.nation")]
    [InlineData("F", "node-1", "origin.nation")]
    [InlineData("FRAN", "node-1", "origin.nation")]
    [InlineData("FR", "", "origin.node_id")]
    [InlineData("FR", "-node", "origin.node_id")]
    [InlineData("FR", "Node", "origin.node_id")]
    [InlineData("FR", "node_1", "origin.node_id")]
    public void Check_InvalidOrigin_NamesTheField(string nation, string node, string field)
    {
        Assert.Equal(field, OriginRules.Check(new Origin { Nation = nation, NodeId = node }, "origin")?.Field);
    }

    [Fact]
    public void Check_MissingOrigin_IsRequired()
    {
        Assert.Equal("origin: required", OriginRules.Check(null, "origin")?.Message);
    }
}
