using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>
/// The Secrets a node's manifests reference (docs/deploy.md "Secrets"), made at test time as development material for
/// one nation: the internal key pair, the node certificate, the signing key, identity providers' keys and the
/// PostgreSQL connection strings the test supplies. <see cref="Documented"/> is the list every reference must be on.
/// </summary>
public sealed partial class DevelopmentSecrets : IDisposable
{
    /// <summary>Each Secret the manifests may reference and the pattern of its keys.</summary>
    public static IReadOnlyDictionary<string, Regex> Documented { get; } = new Dictionary<string, Regex>(StringComparer.Ordinal)
    {
        ["cyberpledge-internal-key"] = InternalKeyKeys(),
        ["cyberpledge-node-tls"] = TlsKeys(),
        ["cyberpledge-signing-key"] = SigningKeyKeys(),
        ["cyberpledge-identity-providers"] = IdentityProviderKeys(),
        ["cyberpledge-postgres"] = PostgresKeys(),
        ["cyberpledge-dev-postgres"] = DevPostgresKeys(),
    };

    private readonly ECDsa _internalKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Dictionary<string, string> _identityProviderKeys = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _connectionStrings;
    private readonly string _certificatePem;
    private readonly string _certificateKeyPem;

    /// <summary>Material for <paramref name="nation"/>'s node <paramref name="nodeId"/>; the gateway's certificate names 127.0.0.1.</summary>
    public DevelopmentSecrets(string nation, string nodeId, IReadOnlyDictionary<string, string> connectionStrings)
    {
        _connectionStrings = connectionStrings;
        var now = DateTimeOffset.UtcNow;
        using var ca = NodeCertificates.CreateNationCa(nation, now.AddDays(-1), now.AddDays(30));
        using var node = NodeCertificates.CreateNodeCertificate(ca, nation, nodeId, ["localhost", "127.0.0.1"], now.AddHours(-1), now.AddDays(7));
        using var files = new CyberPledge.Testing.TemporaryDirectory();
        CertificateFiles.Write(node, Path.Combine(files.Path, "tls.crt"), Path.Combine(files.Path, "tls.key"));
        _certificatePem = File.ReadAllText(Path.Combine(files.Path, "tls.crt"));
        _certificateKeyPem = File.ReadAllText(Path.Combine(files.Path, "tls.key"));
        CaCertificatePem = ca.ExportCertificatePem();
    }

    /// <summary>The nation's CA certificate: what a client of the gateway trusts.</summary>
    public string CaCertificatePem { get; }

    /// <summary>
    /// The identity provider whose public key is the Secret key <paramref name="key"/> (e.g. nation.pem), named
    /// <paramref name="issuer"/>, to mint tokens; the caller disposes it.
    /// </summary>
    public TokenMinter IdentityProvider(string key, string issuer)
    {
        lock (_identityProviderKeys)
        {
            if (!_identityProviderKeys.TryGetValue(key, out var pem))
            {
                using var made = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                pem = made.ExportPkcs8PrivateKeyPem();
                _identityProviderKeys[key] = pem;
            }

            return TokenMinter.FromPrivateKeyPem(issuer, pem);
        }
    }

    /// <summary>The value of <paramref name="key"/> in Secret <paramref name="secret"/>; fails for one not documented.</summary>
    public string Value(string secret, string key)
    {
        if (!Documented.TryGetValue(secret, out var keys) || !keys.IsMatch(key))
        {
            throw new InvalidOperationException($"Secret {secret} key {key} is not in docs/deploy.md's list");
        }

        return (secret, key) switch
        {
            ("cyberpledge-internal-key", "internal-key.pem") => _internalKey.ExportPkcs8PrivateKeyPem(),
            ("cyberpledge-internal-key", _) => _internalKey.ExportSubjectPublicKeyInfoPem(),
            ("cyberpledge-node-tls", "tls.crt") => _certificatePem,
            ("cyberpledge-node-tls", _) => _certificateKeyPem,
            ("cyberpledge-signing-key", _) => _signingKey.ExportPkcs8PrivateKeyPem(),
            ("cyberpledge-identity-providers", _) => IdentityProviderPublicKey(key),
            ("cyberpledge-postgres", _) => _connectionStrings[key],
            _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        };
    }

    public void Dispose()
    {
        _internalKey.Dispose();
        _signingKey.Dispose();
    }

    private string IdentityProviderPublicKey(string key)
    {
        using var minter = IdentityProvider(key, key);
        return minter.PublicKeyPem;
    }

    [GeneratedRegex("^internal-key(-public)?\\.pem$")]
    private static partial Regex InternalKeyKeys();

    [GeneratedRegex("^tls\\.(crt|key)$")]
    private static partial Regex TlsKeys();

    [GeneratedRegex("^node-signing-key\\.pem$")]
    private static partial Regex SigningKeyKeys();

    [GeneratedRegex("^(nation|partner-[a-z]{3})\\.pem$")]
    private static partial Regex IdentityProviderKeys();

    [GeneratedRegex("^(indicators|partners|federation)$")]
    private static partial Regex PostgresKeys();

    [GeneratedRegex("^password$")]
    private static partial Regex DevPostgresKeys();
}
