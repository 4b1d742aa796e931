using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>Nation CAs and certificates made at test time, valid around <see cref="Now"/> (the real time, for TLS).</summary>
internal static class TestPki
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    public static X509Certificate2 Ca(string nation) => NodeCertificates.CreateNationCa(nation, Now.AddDays(-1), Now.AddDays(365));

    public static X509Certificate2 Node(X509Certificate2 ca, string nation, string nodeId = "node-1") =>
        NodeCertificates.CreateNodeCertificate(ca, nation, nodeId, ["localhost", "127.0.0.1"], Now.AddDays(-1), Now.AddDays(30));

    /// <summary>
    /// A certificate made with CertificateRequest directly, for shapes the library refuses to make: any subject, any
    /// extended key usage, signed by <paramref name="issuer"/> or self-signed when null.
    /// </summary>
    public static X509Certificate2 Raw(string subject, X509Certificate2? issuer, Oid[] usages, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], critical: false));
        var from = notBefore ?? Now.AddDays(-1);
        var until = notAfter ?? Now.AddDays(30);
        if (issuer is null)
        {
            return request.CreateSelfSigned(from, until);
        }
        using var signed = request.Create(issuer, from, until, RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }

    /// <summary>A CA without a path length limit (a nation's own root, or its issuing CA under <paramref name="issuer"/>), with its key.</summary>
    public static X509Certificate2 RawCa(string subject, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        if (issuer is null)
        {
            return request.CreateSelfSigned(Now.AddDays(-2), Now.AddDays(60));
        }
        using var signed = request.Create(issuer, Now.AddDays(-2), Now.AddDays(60), RandomNumberGenerator.GetBytes(8));
        return signed.CopyWithPrivateKey(key);
    }

    public static PeerCertificateValidator Validator(params TrustedPeerCertificate[] peers) => new(peers);
}
