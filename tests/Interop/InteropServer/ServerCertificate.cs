using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CyberPledge.InteropServer;

/// <summary>The TLS certificate of the interop server: loaded from PEM files, or generated for this run.</summary>
internal static class ServerCertificate
{
    /// <summary>
    /// The names the generated certificate is valid for: loopback, and the host name the interop runners of other
    /// languages pass as --server_host_override with gRPC's own test certificates.
    /// </summary>
    private static readonly string[] DnsNames = ["localhost", "*.test.google.fr"];

    public static X509Certificate2 Load(InteropServerOptions options) =>
        options.TlsCertificateFile is not null && options.TlsKeyFile is not null
            ? X509Certificate2.CreateFromPemFile(options.TlsCertificateFile, options.TlsKeyFile)
            : GenerateSelfSigned();

    /// <summary>A self-signed certificate that lives only in memory: a client trusts it through its exported PEM.</summary>
    public static X509Certificate2 GenerateSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in DnsNames)
        {
            names.AddDnsName(name);
        }
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        // Self-signed: the certificate is its own CA, so a client can put it in its custom trust store.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(7));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), password: null);
    }
}
