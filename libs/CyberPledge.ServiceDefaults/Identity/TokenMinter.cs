using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Mints ES256 bearer tokens in the format services accept (docs/identity.md): <c>iss</c>, <c>sub</c>, <c>aud</c>,
/// <c>iat</c>, <c>nbf</c>, <c>exp</c> and a <c>roles</c> array. For the development issuer, the command line and tests
/// (which also make expired, foreign-audience and untrusted tokens with it).
/// </summary>
public sealed class TokenMinter : IDisposable
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    private readonly ECDsa _key;
    private readonly bool _ownsKey;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _time;

    /// <summary>A minter signing with <paramref name="signingKey"/>, a P-256 private key the caller keeps and disposes.</summary>
    /// <exception cref="ArgumentException">The issuer is empty or the key is not a P-256 key.</exception>
    public TokenMinter(string issuer, ECDsa signingKey, TimeProvider? timeProvider = null)
        : this(issuer, signingKey, ownsKey: false, timeProvider)
    {
    }

    private TokenMinter(string issuer, ECDsa key, bool ownsKey, TimeProvider? timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentNullException.ThrowIfNull(key);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("The signing key must be an EC P-256 key (ES256).", nameof(key));
        }
        Issuer = issuer;
        _key = key;
        _ownsKey = ownsKey;
        _time = timeProvider ?? TimeProvider.System;
        PublicKeyPem = key.ExportSubjectPublicKeyInfoPem();
        KeyId = Base64UrlEncoder.Encode(SHA256.HashData(key.ExportSubjectPublicKeyInfo()).AsSpan(0, 16).ToArray());
        _credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = KeyId, CryptoProviderFactory = IssuerKeys.Providers }, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>The issuer name (<c>iss</c>) of the tokens.</summary>
    public string Issuer { get; }

    /// <summary>The public key as a SubjectPublicKeyInfo PEM, what a service's TrustedIssuers or InternalIssuer takes.</summary>
    public string PublicKeyPem { get; }

    /// <summary>The key id (<c>kid</c>) in the tokens' header: the start of the SHA-256 of the public key.</summary>
    public string KeyId { get; }

    /// <summary>A minter with a fresh P-256 key of its own.</summary>
    public static TokenMinter CreateWithNewKey(string issuer, TimeProvider? timeProvider = null) =>
        new(issuer, ECDsa.Create(ECCurve.NamedCurves.nistP256), ownsKey: true, timeProvider);

    /// <summary>A minter with the P-256 private key in a PEM (PKCS#8 or SEC1).</summary>
    /// <exception cref="ArgumentException">The PEM holds no usable private key.</exception>
    public static TokenMinter FromPrivateKeyPem(string issuer, string privateKeyPem, TimeProvider? timeProvider = null)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(privateKeyPem);
            return new TokenMinter(issuer, key, ownsKey: true, timeProvider);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new ArgumentException("Not an EC P-256 private key PEM: " + e.Message, nameof(privateKeyPem), e);
        }
    }

    /// <summary>Exports the private key as a PKCS#8 PEM, to keep it in a file only its owner reads.</summary>
    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>
    /// Mints a token for <paramref name="subject"/> with <paramref name="roles"/> for <paramref name="audience"/>, valid
    /// from <paramref name="issuedAt"/> (now unless given) for <paramref name="lifetime"/>. Roles are not checked here:
    /// the receiving service drops what the issuer may not assert.
    /// </summary>
    public string Mint(string subject, IEnumerable<string> roles, string audience, TimeSpan lifetime, DateTimeOffset? issuedAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);
        // JWT times are whole seconds: truncating here keeps exp exactly iat + lifetime.
        var issued = DateTimeOffset.FromUnixTimeSeconds((issuedAt ?? _time.GetUtcNow()).ToUnixTimeSeconds()).UtcDateTime;
        return Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = issued + lifetime,
            Claims = new Dictionary<string, object>
            {
                [TokenValidation.SubjectClaim] = subject,
                [TokenValidation.RolesClaim] = roles.ToArray(),
            },
            SigningCredentials = _credentials,
        });
    }

    /// <summary>Disposes the key if the minter made or imported it.</summary>
    public void Dispose()
    {
        if (_ownsKey)
        {
            _key.Dispose();
        }
    }
}
