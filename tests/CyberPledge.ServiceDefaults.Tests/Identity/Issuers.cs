using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>Keys made at test time: this nation's identity provider, a partner's, the node's internal issuer, and strangers.</summary>
public sealed class Issuers : IDisposable
{
    public const string Audience = "indicators";

    public TokenMinter Nation { get; } = TokenMinter.CreateWithNewKey("https://idp.nld.example");

    public TokenMinter PartnerJpn { get; } = TokenMinter.CreateWithNewKey("https://idp.jpn.example");

    public TokenMinter Internal { get; } = TokenMinter.CreateWithNewKey("cyberpledge-internal");

    /// <summary>An issuer no one trusts.</summary>
    public TokenMinter Stranger { get; } = TokenMinter.CreateWithNewKey("https://idp.stranger.example");

    /// <summary>The nation's issuer name with another key.</summary>
    public TokenMinter Impostor { get; } = TokenMinter.CreateWithNewKey("https://idp.nld.example");

    /// <summary>Trusts the nation (admin, analyst), Japan (partner:JPN) and the internal issuer.</summary>
    public void Configure(CallerIdentityOptions options)
    {
        options.Audience = Audience;
        options.TrustedIssuers.Add(Trusted(Nation, Roles.Admin, Roles.Analyst));
        options.TrustedIssuers.Add(Trusted(PartnerJpn, "partner:JPN"));
        options.InternalIssuer = new IssuerKeyOptions { Issuer = Internal.Issuer, PublicKeyPem = Internal.PublicKeyPem };
    }

    public static TrustedIssuerOptions Trusted(TokenMinter minter, params string[] allowedRoles)
    {
        var issuer = new TrustedIssuerOptions { Issuer = minter.Issuer, PublicKeyPem = minter.PublicKeyPem };
        issuer.AllowedRoles.AddRange(allowedRoles);
        return issuer;
    }

    public void Dispose()
    {
        Nation.Dispose();
        PartnerJpn.Dispose();
        Internal.Dispose();
        Stranger.Dispose();
        Impostor.Dispose();
    }
}
