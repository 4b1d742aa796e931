using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

public sealed class ServiceTokensTests
{
    [Fact]
    public void Current_WithinItsLifetime_IsTheSameToken()
    {
        var clock = new ManualTimeProvider();
        using var tokens = new ServiceTokens(TokenMinter.CreateWithNewKey("internal", clock), "partners", "cyberpledge", clock);

        var first = tokens.Current;
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Same(first, tokens.Current);
    }

    [Fact]
    public void Current_NearExpiry_IsRenewedAndCarriesTheServiceRoleForAtMostAMinute()
    {
        var clock = new ManualTimeProvider();
        using var tokens = new ServiceTokens(TokenMinter.CreateWithNewKey("internal", clock), "partners", "cyberpledge", clock);
        var first = tokens.Current;

        clock.Advance(TimeSpan.FromSeconds(50));
        var second = tokens.Current;

        Assert.NotEqual(first, second);
        var token = new JsonWebToken(second);
        Assert.Equal("service:partners", token.GetClaim("roles").Value);
        Assert.True(token.ValidTo - token.IssuedAt <= ServiceTokens.Lifetime);
    }
}
