using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.Grpc.Client.Tests.Infrastructure;

/// <summary>Self-signed certificates made per test run: a server certificate for 127.0.0.1 and a client certificate.</summary>
internal static class TestCertificates
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateServer() => Create("CN=127.0.0.1", ServerAuthentication, san =>
    {
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
    });

    public static X509Certificate2 CreateClient(string commonName) => Create("CN=" + commonName, ClientAuthentication, _ => { });

    private static X509Certificate2 Create(string subject, string usage, Action<SubjectAlternativeNameBuilder> names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        names(san);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // A round trip through PKCS#12 gives a certificate whose private key TLS can use on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
