using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>What a token must satisfy: a trusted issuer's ES256 signature, this service's audience, a live lifetime.</summary>
internal static class TokenValidation
{
    /// <summary>The claim naming the caller.</summary>
    public const string SubjectClaim = "sub";

    /// <summary>The claim (a JSON array) carrying the caller's roles.</summary>
    public const string RolesClaim = "roles";

    public static TokenValidationParameters CreateParameters(CallerIdentityOptions options, IssuerRegistry issuers, TimeProvider time) => new()
    {
        ValidateIssuer = true,
        ValidIssuers = issuers.Names,
        ValidateAudience = true,
        RequireAudience = true,
        ValidAudience = options.Audience,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = options.ClockSkew,
        LifetimeValidator = (notBefore, expires, _, parameters) => ValidateLifetime(notBefore, expires, parameters.ClockSkew, time),
        RequireSignedTokens = true,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        // The key comes from the token's issuer alone, so one issuer's key never vouches for another issuer's name.
        IssuerSigningKeyResolver = (_, token, _, _) => issuers.KeysOf(token.Issuer),
        CryptoProviderFactory = IssuerKeys.Providers,
        // Issuer, audience and lifetime are cheap: a stale or foreign token is refused before any signature work.
        ValidateSignatureLast = true,
        AuthenticationType = JwtBearerDefaults.AuthenticationScheme,
        NameClaimType = SubjectClaim,
        RoleClaimType = RolesClaim,
    };

    // IdentityModel reads the system clock; this reads the host's TimeProvider, the one the cache uses, so tests move both.
    private static bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TimeSpan skew, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        }
        if (notBefore is { } start && start > expires)
        {
            throw new SecurityTokenInvalidLifetimeException("The token's nbf is after its exp.") { NotBefore = start, Expires = expires };
        }
        if (notBefore is { } notYet && notYet > now + skew)
        {
            throw new SecurityTokenNotYetValidException($"The token is not valid before {notYet:O}.") { NotBefore = notYet };
        }
        if (expires.Value < now - skew)
        {
            throw new SecurityTokenExpiredException($"The token expired at {expires.Value:O}.") { Expires = expires.Value };
        }
        return true;
    }
}
