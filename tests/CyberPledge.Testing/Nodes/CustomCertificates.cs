using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.Testing.Nodes;

/// <summary>
/// Certificates made with CertificateRequest directly, for shapes the product's own code refuses to make or does not
/// make (a nation's CA hierarchy with an issuing CA, any subject, any extended key usage), valid around now.
/// </summary>
public static class CustomCertificates
{
    public static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    /// <summary>An end-entity certificate signed by <paramref name="issuer"/> (self-signed when null), with its key.</summary>
    public static X509Certificate2 Leaf(string subject, X509Certificate2? issuer, Oid[] usages, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages], critical: false));
        var now = DateTimeOffset.UtcNow;
        return Sign(request, key, issuer, notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(30));
    }

    /// <summary>A CA without a path length limit (a nation's own root, or its issuing CA under <paramref name="issuer"/>), with its key.</summary>
    public static X509Certificate2 Ca(string subject, X509Certificate2? issuer)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, critical: true));
        var now = DateTimeOffset.UtcNow;
        return Sign(request, key, issuer, now.AddDays(-2), now.AddDays(60));
    }

    private static X509Certificate2 Sign(CertificateRequest request, ECDsa key, X509Certificate2? issuer, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        X509Certificate2 made;
        if (issuer is null)
        {
            made = request.CreateSelfSigned(notBefore, notAfter);
        }
        else
        {
            // Within the issuer's validity, which a moment earlier "now" may end a second before this one's.
            var issuerFrom = new DateTimeOffset(issuer.NotBefore.ToUniversalTime());
            var issuerUntil = new DateTimeOffset(issuer.NotAfter.ToUniversalTime());
            notBefore = notBefore < issuerFrom ? issuerFrom : notBefore;
            notAfter = notAfter > issuerUntil ? issuerUntil : notAfter;
            using var signed = request.Create(issuer, notBefore, notAfter, RandomNumberGenerator.GetBytes(8));
            made = signed.CopyWithPrivateKey(key);
        }

        // Through PKCS#12, so the key is usable by SslStream on Linux.
        using (made)
        {
            return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
        }
    }
}
