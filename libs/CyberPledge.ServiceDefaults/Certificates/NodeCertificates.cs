using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.ServiceDefaults.Certificates;

/// <summary>
/// Development node identities (DESIGN.md "Identities", Decision 8): one CA per nation and node certificates issued by
/// it, naming the nation in O, the node id in CN and the gateway's host names in subjectAltName. In production a nation
/// brings its own CA; its node certificates need the same O, CN and extended key usages.
/// </summary>
public static class NodeCertificates
{
    private static readonly Oid ServerAuthentication = new(CertificateChecks.ServerAuthenticationOid);
    private static readonly Oid ClientAuthentication = new(CertificateChecks.ClientAuthenticationOid);

    /// <summary>The common name of a development CA: <c>CyberPledge development CA NLD</c>.</summary>
    public static string CaCommonName(string nation) => "CyberPledge development CA " + nation;

    /// <summary>
    /// A nation's development CA: ECDSA P-256, <c>CN=CyberPledge development CA &lt;NATION&gt;, O=&lt;NATION&gt;</c>, a CA
    /// that issues node certificates only (path length 0). Returned with its private key.
    /// </summary>
    /// <exception cref="ArgumentException">The nation is not an ISO 3166-1 alpha-3 code in upper case, or the validity is empty.</exception>
    public static X509Certificate2 CreateNationCa(string nation, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        RequireNation(nation);
        RequireValidity(notBefore, notAfter);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(nation, CaCommonName(nation)), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), notBefore, notAfter, SerialNumber());
        using var withKey = certificate.CopyWithPrivateKey(key);
        return UsableBySslStream(withKey);
    }

    /// <summary>
    /// A node certificate issued by <paramref name="ca"/>: ECDSA P-256, <c>CN=&lt;nodeId&gt;, O=&lt;NATION&gt;</c>, each host
    /// name in subjectAltName (an IP address where it parses as one), for both server and client authentication (the
    /// same certificate serves the gateway and the federation client). Returned with its private key, usable by SslStream.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// A malformed nation, node id or host name, no host name, a CA without its private key, or a validity outside the CA's.
    /// </exception>
    public static X509Certificate2 CreateNodeCertificate(X509Certificate2 ca, string nation, string nodeId, IReadOnlyList<string> hostNames,
        DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(hostNames);
        RequireNation(nation);
        if (nodeId is null || !Roles.IsNodeId(nodeId))
        {
            throw new ArgumentException("A node id is 1-63 lower-case letters, digits, dots and hyphens, starting with a letter or digit.", nameof(nodeId));
        }
        if (!ca.HasPrivateKey)
        {
            throw new ArgumentException("The CA certificate has no private key to sign with.", nameof(ca));
        }
        RequireValidity(notBefore, notAfter);
        if (notBefore < ca.NotBefore || notAfter > ca.NotAfter)
        {
            throw new ArgumentException(
                $"The node certificate's validity ({notBefore:u} to {notAfter:u}) must lie within its CA's ({ca.NotBefore.ToUniversalTime():u} to {ca.NotAfter.ToUniversalTime():u}).",
                nameof(notAfter));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Subject(nation, nodeId), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], critical: false));
        request.CertificateExtensions.Add(SubjectAlternativeNames(hostNames));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var certificate = request.Create(ca, notBefore, notAfter, SerialNumber());
        using var withKey = certificate.CopyWithPrivateKey(key);
        return UsableBySslStream(withKey);
    }

    /// <summary>
    /// The nation a certificate names in its subject's O when that is one ISO 3166-1 alpha-3 code, else null. Trust never
    /// rests on it (SECURITY.md rule 11: a peer's nation is its registry entry's); it serves tools naming what a CA issues.
    /// </summary>
    public static string? NationOf(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var organization = CertificateChecks.SingleName(certificate, CertificateChecks.OrganizationOid);
        return NationCodes.TryNormalize(organization, out var alpha3) && alpha3 == organization ? organization : null;
    }

    /// <summary>Whether a node certificate can name <paramref name="name"/> in its subjectAltName: a DNS name or an IP address.</summary>
    public static bool IsHostName(string? name) =>
        name is not null && (IPAddress.TryParse(name, out _) || Uri.CheckHostName(name) == UriHostNameType.Dns);

    /// <summary>A certificate with its private key that SslStream can use on Linux too: a round trip through PKCS#12.</summary>
    internal static X509Certificate2 UsableBySslStream(X509Certificate2 withKey) =>
        X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);

    private static X500DistinguishedName Subject(string nation, string commonName)
    {
        // The builder encodes the last name added first: O, then CN, as the string "CN=..., O=..." encodes.
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName(nation);
        return builder.Build();
    }

    private static X509Extension SubjectAlternativeNames(IReadOnlyList<string> hostNames)
    {
        if (hostNames.Count == 0)
        {
            throw new ArgumentException("A node certificate names at least one host name (the gateway's).", nameof(hostNames));
        }
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in hostNames)
        {
            if (!IsHostName(name))
            {
                throw new ArgumentException($"'{name}' is neither a DNS name nor an IP address.", nameof(hostNames));
            }
            if (IPAddress.TryParse(name, out var address))
            {
                names.AddIpAddress(address);
            }
            else
            {
                names.AddDnsName(name);
            }
        }
        return names.Build(critical: false);
    }

    private static byte[] SerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        // Positive and without a leading zero byte, as RFC 5280 wants serial numbers.
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    private static void RequireNation(string nation)
    {
        if (nation is null || !NationCodes.TryNormalize(nation, out var alpha3) || alpha3 != nation)
        {
            throw new ArgumentException($"'{nation}' is not an ISO 3166-1 alpha-3 code in upper case, such as NLD.", nameof(nation));
        }
    }

    private static void RequireValidity(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        if (notAfter <= notBefore)
        {
            throw new ArgumentException("A certificate's notAfter comes after its notBefore.", nameof(notAfter));
        }
    }
}
