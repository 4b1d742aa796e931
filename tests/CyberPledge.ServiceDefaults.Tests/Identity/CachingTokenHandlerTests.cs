using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

/// <summary>Verification cached by token digest (DESIGN.md Decision 2), on a clock the test moves.</summary>
public sealed class CachingTokenHandlerTests : IDisposable
{
    private readonly ManualTimeProvider _time = new();
    private readonly Issuers _keys = new();
    private readonly IssuerRegistry _registry;
    private readonly CountingHandler _inner = new();
    private readonly CachingTokenHandler _handler;
    private readonly TokenValidationParameters _parameters;

    public CachingTokenHandlerTests()
    {
        var options = new CallerIdentityOptions();
        _keys.Configure(options);
        _registry = new IssuerRegistry(Options.Create(options));
        _parameters = TokenValidation.CreateParameters(options, _registry, _time);
        _handler = new CachingTokenHandler(_inner, _registry, new VerifiedTokenCache(VerifiedTokenCache.DefaultCapacity), _time, NullLogger.Instance);
    }

    public void Dispose()
    {
        _registry.Dispose();
        _keys.Dispose();
    }

    private string Mint(TokenMinter minter, TimeSpan lifetime, params string[] roles) =>
        minter.Mint("alice", roles, Issuers.Audience, lifetime, issuedAt: _time.GetUtcNow());

    [Fact]
    public async Task ValidateTokenAsync_SameTokenTwice_VerifiesSignatureOnce()
    {
        var token = Mint(_keys.Nation, TimeSpan.FromMinutes(1), Roles.Admin);

        var first = await _handler.ValidateTokenAsync(token, _parameters);
        var second = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.True(first.IsValid);
        Assert.True(second.IsValid);
        Assert.Equal(1, _inner.Validations);
        Assert.True(second.ClaimsIdentity.HasClaim(TokenValidation.RolesClaim, Roles.Admin));
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenPastExpiry_Refused()
    {
        var token = Mint(_keys.Nation, TimeSpan.FromMinutes(1), Roles.Admin);
        Assert.True((await _handler.ValidateTokenAsync(token, _parameters)).IsValid);

        _time.Advance(TimeSpan.FromMinutes(2));
        var result = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
    }

    [Fact]
    public async Task ValidateTokenAsync_CachedTokenAtExpiry_ValidatedAgain()
    {
        var token = Mint(_keys.Nation, TimeSpan.FromMinutes(1), Roles.Admin);
        await _handler.ValidateTokenAsync(token, _parameters);

        // Within the clock skew the token is still good, but the cache no longer vouches for it.
        _time.Advance(TimeSpan.FromSeconds(60));
        var result = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.True(result.IsValid);
        Assert.Equal(2, _inner.Validations);
    }

    [Fact]
    public async Task ValidateTokenAsync_FailedToken_NotCached()
    {
        var token = Mint(_keys.Stranger, TimeSpan.FromMinutes(1), Roles.Admin);

        var first = await _handler.ValidateTokenAsync(token, _parameters);
        var second = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(2, _inner.Validations);
    }

    [Fact]
    public async Task ValidateTokenAsync_RolesIssuerMayNotAssert_DroppedAlsoFromCachedCopy()
    {
        var token = Mint(_keys.PartnerJpn, TimeSpan.FromMinutes(1), "partner:JPN", Roles.Admin, Roles.FederationService, "partner:KOR");

        var first = await _handler.ValidateTokenAsync(token, _parameters);
        var second = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.Equal(["partner:JPN"], first.ClaimsIdentity.FindAll(TokenValidation.RolesClaim).Select(c => c.Value));
        Assert.Equal(["partner:JPN"], second.ClaimsIdentity.FindAll(TokenValidation.RolesClaim).Select(c => c.Value));
    }

    [Fact]
    public async Task ValidateTokenAsync_ChangedIdentityOfFirstCaller_CachedCopyUnchanged()
    {
        var token = Mint(_keys.Nation, TimeSpan.FromMinutes(1), Roles.Analyst);
        var first = await _handler.ValidateTokenAsync(token, _parameters);

        first.ClaimsIdentity.AddClaim(new System.Security.Claims.Claim(TokenValidation.RolesClaim, Roles.Admin));
        var second = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.False(second.ClaimsIdentity.HasClaim(TokenValidation.RolesClaim, Roles.Admin));
    }

    [Fact]
    public async Task ValidateTokenAsync_OtherAlgorithmThanEs256_Refused()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _keys.Nation.Issuer,
            Audience = Issuers.Audience,
            Expires = _time.GetUtcNow().UtcDateTime.AddMinutes(1),
            NotBefore = _time.GetUtcNow().UtcDateTime,
            IssuedAt = _time.GetUtcNow().UtcDateTime,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256),
        });

        var result = await _handler.ValidateTokenAsync(token, _parameters);

        Assert.False(result.IsValid);
    }

    /// <summary>The real handler, counting how often it is asked: each of its validations checks a signature.</summary>
    private sealed class CountingHandler : TokenHandler
    {
        private readonly JsonWebTokenHandler _inner = new() { MapInboundClaims = false };
        private int _validations;

        public int Validations => Volatile.Read(ref _validations);

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return _inner.ValidateTokenAsync(token, validationParameters);
        }
    }
}
