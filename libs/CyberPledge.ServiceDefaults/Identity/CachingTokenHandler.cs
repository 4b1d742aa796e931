using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// The token handler plugged into JwtBearerOptions.TokenHandlers: validates with the inner handler (signature,
/// issuer, audience, lifetime, ES256), drops the roles the issuer may not assert, and caches successes by token digest.
/// </summary>
internal sealed class CachingTokenHandler(TokenHandler inner, IssuerRegistry issuers, VerifiedTokenCache cache, TimeProvider time, ILogger logger)
    : TokenHandler
{
    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(validationParameters);
        var digest = TokenDigest.Of(token);
        if (cache.TryGet(digest, time.GetUtcNow(), out var cached))
        {
            // A copy, so what a request adds to its principal never reaches the next caller of the same token.
            return Success(cached.Identity.Clone(), cached.SecurityToken);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return result;
        }

        var securityToken = result.SecurityToken;
        var identity = result.ClaimsIdentity;
        DropRolesNotAllowed(identity, securityToken.Issuer);
        var expires = new DateTimeOffset(DateTime.SpecifyKind(securityToken.ValidTo, DateTimeKind.Utc));
        if (!cache.Add(digest, new VerifiedToken(identity.Clone(), securityToken, expires), time.GetUtcNow()))
        {
            IdentityLog.CacheEmptied(logger, cache.Capacity);
        }
        return Success(identity, securityToken);
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    private void DropRolesNotAllowed(ClaimsIdentity identity, string issuer)
    {
        foreach (var claim in identity.FindAll(identity.RoleClaimType).ToList())
        {
            if (!issuers.MayAssert(issuer, claim.Value))
            {
                identity.RemoveClaim(claim);
                IdentityLog.RoleDropped(logger, issuer, claim.Value);
            }
        }
    }

    private static TokenValidationResult Success(ClaimsIdentity identity, SecurityToken token) => new()
    {
        IsValid = true,
        ClaimsIdentity = identity,
        SecurityToken = token,
        Issuer = token.Issuer,
    };
}
