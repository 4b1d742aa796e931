using Microsoft.Extensions.Hosting;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// The development issuer: a P-256 key made at first use and kept in a directory of the host's choosing (mode 0600,
/// never committed), which mints tokens for local runs and tests. It refuses to exist outside the Development
/// environment (SECURITY.md rule 12). Enabled in a host by <c>Identity:DevelopmentIssuer:Enabled</c>.
/// </summary>
public sealed class DevelopmentIssuer : IDisposable
{
    /// <summary>The issuer name used unless another is configured.</summary>
    public const string DefaultIssuerName = "cyberpledge-development";

    private DevelopmentIssuer(TokenMinter minter, string audience, string keyFile)
    {
        Minter = minter;
        Audience = audience;
        KeyFile = keyFile;
    }

    /// <summary>The issuer name (<c>iss</c>) of its tokens.</summary>
    public string Issuer => Minter.Issuer;

    /// <summary>The audience its tokens name unless a caller of <see cref="Minter"/> says otherwise.</summary>
    public string Audience { get; }

    /// <summary>Its public key, a SubjectPublicKeyInfo PEM.</summary>
    public string PublicKeyPem => Minter.PublicKeyPem;

    /// <summary>The file holding its private key.</summary>
    public string KeyFile { get; }

    /// <summary>Mints tokens with its key (any audience, issue time and roles).</summary>
    public TokenMinter Minter { get; }

    /// <summary>
    /// Opens the issuer whose key is in <paramref name="keyDirectory"/>, making the key on first use. Processes sharing
    /// the directory share the key.
    /// </summary>
    /// <exception cref="InvalidOperationException">The host does not run in Development, or the key file is readable by others.</exception>
    public static DevelopmentIssuer Open(string keyDirectory, string audience, IHostEnvironment environment,
        string issuer = DefaultIssuerName, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!environment.IsDevelopment())
        {
            throw new InvalidOperationException(OutsideDevelopmentError(environment));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(keyDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        var keyFile = DevelopmentKeyStore.EnsureKey(keyDirectory);
        var minter = TokenMinter.FromPrivateKeyPem(issuer, File.ReadAllText(keyFile), timeProvider);
        return new DevelopmentIssuer(minter, audience, keyFile);
    }

    /// <summary>Mints a token for this issuer's audience, valid from now for <paramref name="lifetime"/>.</summary>
    public string Issue(string subject, IEnumerable<string> roles, TimeSpan lifetime) => Minter.Mint(subject, roles, Audience, lifetime);

    /// <summary>
    /// Makes <paramref name="options"/> trust this issuer: as the internal issuer (any role, node: and service:
    /// included) when none is configured, otherwise as an external issuer for <c>admin</c>, <c>analyst</c> and
    /// <c>partner:*</c>, as a nation's identity provider would be.
    /// </summary>
    public void TrustIn(CallerIdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InternalIssuer is null)
        {
            options.InternalIssuer = new IssuerKeyOptions { Issuer = Issuer, PublicKeyPem = PublicKeyPem };
            return;
        }
        var trusted = new TrustedIssuerOptions { Issuer = Issuer, PublicKeyPem = PublicKeyPem };
        trusted.AllowedRoles.AddRange([Roles.Admin, Roles.Analyst, Roles.PartnerPrefix + "*"]);
        options.TrustedIssuers.Add(trusted);
    }

    /// <inheritdoc />
    public void Dispose() => Minter.Dispose();

    internal static string OutsideDevelopmentError(IHostEnvironment? environment) =>
        $"{CallerIdentityOptions.SectionName}:DevelopmentIssuer:Enabled: the development issuer runs only in the Development environment " +
        $"(this host: {environment?.EnvironmentName ?? "no environment"})";
}
