using System.Text.Json;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

public sealed class TokenMinterTests
{
    [Fact]
    public void Mint_OneRole_Es256HeaderAndRolesArray()
    {
        var time = new ManualTimeProvider();
        using var minter = TokenMinter.CreateWithNewKey("https://idp.nld.example", time);

        var token = minter.Mint("alice", [Roles.Admin], "indicators", TimeSpan.FromSeconds(60));

        var parts = token.Split('.');
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal(minter.KeyId, header.RootElement.GetProperty("kid").GetString());
        Assert.Equal(JsonValueKind.Array, payload.RootElement.GetProperty("roles").ValueKind);
        Assert.Equal("admin", payload.RootElement.GetProperty("roles")[0].GetString());
        Assert.Equal("alice", payload.RootElement.GetProperty("sub").GetString());
        Assert.Equal("indicators", payload.RootElement.GetProperty("aud").GetString());
        var issuedAt = time.GetUtcNow().ToUnixTimeSeconds();
        Assert.Equal(issuedAt, payload.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal(issuedAt + 60, payload.RootElement.GetProperty("exp").GetInt64());
    }

    [Fact]
    public void FromPrivateKeyPem_ExportedKey_SamePublicKey()
    {
        using var minter = TokenMinter.CreateWithNewKey("issuer");

        using var copy = TokenMinter.FromPrivateKeyPem("issuer", minter.ExportPrivateKeyPem());

        Assert.Equal(minter.PublicKeyPem, copy.PublicKeyPem);
    }

    [Fact]
    public void Mint_NonPositiveLifetime_Throws()
    {
        using var minter = TokenMinter.CreateWithNewKey("issuer");

        Assert.Throws<ArgumentOutOfRangeException>(() => minter.Mint("alice", [], "indicators", TimeSpan.Zero));
    }
}
