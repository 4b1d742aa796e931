using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.AppHost.Topology;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.AppHost.Run;

/// <summary>
/// One node's development material, made at its first run and reused after: the nation's development CA, the node
/// certificate (gateway and federation links), the node's internal key (its services trust it; the gateway, Partners
/// and Federation sign with it) and the nation's development identity provider (admin, analyst, and its partner role
/// at the nodes it is linked to). Certificates close to their end are renewed.
/// </summary>
internal sealed class NodeMaterial : IDisposable
{
    private static readonly TimeSpan CaValidity = TimeSpan.FromDays(5 * 365);
    private static readonly TimeSpan NodeValidity = TimeSpan.FromDays(365);
    private static readonly TimeSpan RenewWithin = TimeSpan.FromDays(7);

    private NodeMaterial(NodeSpec node, string directory, X509Certificate2 ca, TokenMinter identityProvider)
    {
        Node = node;
        Directory = directory;
        Ca = ca;
        IdentityProvider = identityProvider;
    }

    public NodeSpec Node { get; }

    public string Directory { get; }

    /// <summary>The nation's CA certificate (no key): what clients and peers trust.</summary>
    public X509Certificate2 Ca { get; }

    public string CaFile => Path.Combine(Directory, "ca", "ca.pem");

    public string NodeCertificateFile => Path.Combine(Directory, "node", "node.pem");

    public string NodeKeyFile => Path.Combine(Directory, "node", "node-key.pem");

    public string InternalKeyFile => Path.Combine(Directory, "internal-key.pem");

    public string InternalPublicKeyFile => Path.Combine(Directory, "internal-key-public.pem");

    /// <summary>The node's internal issuer, as its services trust it (<c>Identity:InternalIssuer:Issuer</c>).</summary>
    public string InternalIssuer => "cyberpledge-internal-" + Node.Nation.ToLowerInvariant();

    /// <summary>The nation's development identity provider: its gateway trusts it for admin and analyst.</summary>
    public TokenMinter IdentityProvider { get; }

    public string IdentityProviderPublicKeyFile => Path.Combine(Directory, "identity-provider-public.pem");

    /// <summary>The service's data directory (store, and for Indicators the node's signing key).</summary>
    public string DataDirectory(string service) => Path.Combine(Directory, service);

    /// <summary>Makes what is missing (or about to expire) under <paramref name="directory"/> and loads the rest.</summary>
    public static NodeMaterial Ensure(NodeSpec node, string directory)
    {
        var now = DateTimeOffset.UtcNow;
        var caFile = Path.Combine(directory, "ca", "ca.pem");
        var caKeyFile = Path.Combine(directory, "ca", "ca-key.pem");
        using var ca = LoadFresh(caFile, caKeyFile, now) ?? MakeCa(node, caFile, caKeyFile, now);

        var nodeFile = Path.Combine(directory, "node", "node.pem");
        var nodeKeyFile = Path.Combine(directory, "node", "node-key.pem");
        using var nodeCertificate = LoadFresh(nodeFile, nodeKeyFile, now);
        if (nodeCertificate is null || !nodeCertificate.Issuer.Equals(ca.Subject, StringComparison.Ordinal) || !SignedBy(nodeCertificate, ca))
        {
            var notAfter = now + NodeValidity < ca.NotAfter ? now + NodeValidity : (DateTimeOffset)ca.NotAfter.ToUniversalTime();
            using var made = NodeCertificates.CreateNodeCertificate(ca, node.Nation, node.NodeId, ["localhost", "127.0.0.1"], now.AddDays(-1), notAfter);
            CertificateFiles.Write(made, nodeFile, nodeKeyFile);
        }

        EnsureKey(Path.Combine(directory, "internal-key.pem"), Path.Combine(directory, "internal-key-public.pem"));
        var identityKey = EnsureKey(Path.Combine(directory, "identity-provider-key.pem"), Path.Combine(directory, "identity-provider-public.pem"));
        var identityProvider = TokenMinter.FromPrivateKeyPem(IdentityProviderName(node.Nation), identityKey);
        return new NodeMaterial(node, directory, CertificateFiles.LoadCertificate(caFile), identityProvider);
    }

    /// <summary>The issuer name of a nation's development identity provider.</summary>
    public static string IdentityProviderName(string nation) => "cyberpledge-development-idp-" + nation.ToLowerInvariant();

    public void Dispose()
    {
        Ca.Dispose();
        IdentityProvider.Dispose();
    }

    private static X509Certificate2 MakeCa(NodeSpec node, string caFile, string caKeyFile, DateTimeOffset now)
    {
        var ca = NodeCertificates.CreateNationCa(node.Nation, now.AddDays(-2), now + CaValidity);
        CertificateFiles.Write(ca, caFile, caKeyFile);
        return ca;
    }

    // Null when missing, unreadable or ending within a week: the caller makes a new one.
    private static X509Certificate2? LoadFresh(string certificateFile, string keyFile, DateTimeOffset now)
    {
        if (!File.Exists(certificateFile) || !File.Exists(keyFile))
        {
            return null;
        }
        try
        {
            var certificate = CertificateFiles.LoadWithKey(certificateFile, keyFile);
            if (certificate.NotAfter.ToUniversalTime() - now.UtcDateTime > RenewWithin)
            {
                return certificate;
            }
            certificate.Dispose();
            return null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static bool SignedBy(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build(certificate);
    }

    // A P-256 private key (0600) and its public half, made once; returns the private key's PEM.
    private static string EnsureKey(string privateFile, string publicFile)
    {
        if (!File.Exists(privateFile))
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            OwnerOnlyFiles.WritePrivate(privateFile, key.ExportPkcs8PrivateKeyPem());
        }
        var pem = File.ReadAllText(privateFile);
        using var loaded = ECDsa.Create();
        loaded.ImportFromPem(pem);
        File.WriteAllText(publicFile, loaded.ExportSubjectPublicKeyInfoPem());
        return pem;
    }
}
