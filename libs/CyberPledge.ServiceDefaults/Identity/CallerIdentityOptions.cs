namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Who may call this service: the configuration section <c>Identity</c>, validated when the host starts.
/// </summary>
public sealed class CallerIdentityOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Identity";

    /// <summary>The audience (<c>aud</c>) every token must name. Required.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Identity providers trusted for people and applications, each with the roles it may assert.</summary>
    public List<TrustedIssuerOptions> TrustedIssuers { get; } = [];

    /// <summary>
    /// The node's internal issuer: the key the gateway and the node's services sign forwarded and service identities
    /// with. The only issuer trusted for <c>node:</c> and <c>service:</c> roles; it may assert any role.
    /// </summary>
    public IssuerKeyOptions? InternalIssuer { get; set; }

    /// <summary>How far the clocks of issuer and service may drift apart; 30 seconds unless set (at most 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The development issuer: refused unless the host runs in the Development environment.</summary>
    public DevelopmentIssuerOptions DevelopmentIssuer { get; set; } = new();
}

/// <summary>An issuer's name and its ES256 (P-256) public key, inline or in a file.</summary>
public class IssuerKeyOptions
{
    /// <summary>The issuer name, compared with the token's <c>iss</c> exactly.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The issuer's P-256 public key as a SubjectPublicKeyInfo PEM (<c>-----BEGIN PUBLIC KEY-----</c>).</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>A file holding the PEM, instead of <see cref="PublicKeyPem"/>.</summary>
    public string? PublicKeyFile { get; set; }
}

/// <summary>A trusted external issuer and the roles it may assert.</summary>
public sealed class TrustedIssuerOptions : IssuerKeyOptions
{
    /// <summary>
    /// Role patterns the issuer may assert: <c>admin</c>, <c>analyst</c>, <c>partner:JPN</c>, <c>partner:*</c>. Roles outside
    /// them are dropped from the caller. <c>node:</c> and <c>service:</c> patterns are a configuration error here.
    /// </summary>
    public List<string> AllowedRoles { get; } = [];
}

/// <summary>Settings of the development issuer (<see cref="Identity.DevelopmentIssuer"/>).</summary>
public sealed class DevelopmentIssuerOptions
{
    /// <summary>Turns the development issuer on; the host refuses to start with it outside Development.</summary>
    public bool Enabled { get; set; }

    /// <summary>The directory that keeps its private key (created with mode 0700, the key with 0600). Required when enabled.</summary>
    public string? KeyDirectory { get; set; }

    /// <summary>The issuer name of its tokens.</summary>
    public string Issuer { get; set; } = Identity.DevelopmentIssuer.DefaultIssuerName;
}
