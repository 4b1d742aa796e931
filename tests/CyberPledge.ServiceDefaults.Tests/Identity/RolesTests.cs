using System.Security.Claims;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

public sealed class RolesTests
{
    [Fact]
    public void Builders_WellFormedParts_RoleStrings()
    {
        Assert.Equal("partner:JPN", Roles.Partner("JPN"));
        Assert.Equal("node:NLD:n1", Roles.Node("NLD", "n1"));
        Assert.Equal("service:federation", Roles.Service("federation"));
        Assert.Equal(Roles.FederationService, Roles.Service("federation"));
    }

    [Theory]
    [InlineData("JP")]
    [InlineData("jpn")]
    [InlineData("JPNX")]
    public void Partner_NotAlpha3UpperCase_Throws(string nation) => Assert.Throws<ArgumentException>(() => Roles.Partner(nation));

    [Theory]
    [InlineData("NLD", "")]
    [InlineData("NLD", "N1")]
    [InlineData("NLD", "n1:x")]
    [InlineData("NL", "n1")]
    public void Node_MalformedParts_Throws(string nation, string nodeId) => Assert.Throws<ArgumentException>(() => Roles.Node(nation, nodeId));

    [Fact]
    public void TryParseNode_NodeRole_NationAndId()
    {
        Assert.True(Roles.TryParseNode("node:NLD:n1.hague", out var nation, out var nodeId));
        Assert.Equal("NLD", nation);
        Assert.Equal("n1.hague", nodeId);
    }

    [Theory]
    [InlineData("admin", true)]
    [InlineData("analyst", true)]
    [InlineData("partner:KOR", true)]
    [InlineData("node:UKR:kyiv-1", true)]
    [InlineData("service:partners", true)]
    [InlineData("Admin", false)]
    [InlineData("partner:", false)]
    [InlineData("partner:KO", false)]
    [InlineData("node:UKR", false)]
    [InlineData("node:UKR:", false)]
    [InlineData("service:", false)]
    [InlineData("service:Federation", false)]
    [InlineData("superuser", false)]
    public void IsWellFormed_Role_AsExpected(string role, bool expected) => Assert.Equal(expected, Roles.IsWellFormed(role));

    [Theory]
    [InlineData("partner:*", "partner:JPN", true)]
    [InlineData("partner:*", "partner:", false)]
    [InlineData("partner:*", "partner:JPN:x", false)]
    [InlineData("partner:JPN", "partner:KOR", false)]
    [InlineData("node:*", "node:NLD:n1", true)]
    [InlineData("node:NLD:*", "node:NLD:n1", true)]
    [InlineData("node:NLD:*", "node:FRA:n1", false)]
    [InlineData("service:*", "service:federation", true)]
    [InlineData("admin", "analyst", false)]
    public void Matches_PatternAndRole_AsExpected(string pattern, string role, bool expected)
    {
        Assert.True(RolePatterns.IsValid(pattern));
        Assert.Equal(expected, RolePatterns.Matches(pattern, role));
    }

    [Fact]
    public void FromPrincipal_PartnerCaller_NationAndSubject()
    {
        var caller = CallerIdentity.FromPrincipal(Principal("kenji", "partner:JPN"));

        Assert.True(caller.IsAuthenticated);
        Assert.Equal("kenji", caller.Subject);
        Assert.Equal("JPN", caller.PartnerNation);
        Assert.Equal("JPN", caller.Nation);
        Assert.Null(caller.NodeId);
        Assert.False(caller.IsAdmin);
    }

    [Fact]
    public void FromPrincipal_NodeCaller_NationAndNodeId()
    {
        var caller = CallerIdentity.FromPrincipal(Principal("n1", "node:NLD:n1"));

        Assert.Equal("NLD", caller.Nation);
        Assert.Equal("NLD", caller.NodeNation);
        Assert.Equal("n1", caller.NodeId);
    }

    [Fact]
    public void FromPrincipal_RolesNamingTwoNations_NoNation()
    {
        var caller = CallerIdentity.FromPrincipal(Principal("x", "partner:JPN", "partner:KOR"));

        Assert.Null(caller.PartnerNation);
        Assert.Null(caller.Nation);
        Assert.Equal(["partner:JPN", "partner:KOR"], caller.Roles);
    }

    [Fact]
    public void FromPrincipal_ServiceCaller_ServiceNameNoNation()
    {
        var caller = CallerIdentity.FromPrincipal(Principal("federation", Roles.FederationService));

        Assert.Equal("federation", caller.ServiceName);
        Assert.Null(caller.Nation);
    }

    [Fact]
    public void FromPrincipal_Unauthenticated_Anonymous()
    {
        var caller = CallerIdentity.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", "admin")])));

        Assert.False(caller.IsAuthenticated);
        Assert.Empty(caller.Roles);
    }

    private static ClaimsPrincipal Principal(string subject, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim("sub", subject), .. roles.Select(r => new Claim("roles", r))],
            authenticationType: "Bearer", nameType: "sub", roleType: "roles"));
}
