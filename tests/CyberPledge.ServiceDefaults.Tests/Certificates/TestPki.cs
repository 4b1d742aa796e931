using CyberPledge.Testing.Nodes;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>Nation CAs and certificates made at test time, valid around <see cref="Now"/> (the real time, for TLS).</summary>
internal static class TestPki
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static readonly Oid ServerAuthentication = CustomCertificates.ServerAuthentication;
    public static readonly Oid ClientAuthentication = CustomCertificates.ClientAuthentication;

    public static X509Certificate2 Ca(string nation) => NodeCertificates.CreateNationCa(nation, Now.AddDays(-1), Now.AddDays(365));

    public static X509Certificate2 Node(X509Certificate2 ca, string nation, string nodeId = "node-1") =>
        NodeCertificates.CreateNodeCertificate(ca, nation, nodeId, ["localhost", "127.0.0.1"], Now.AddDays(-1), Now.AddDays(30));

    /// <summary>A certificate of any subject and extended key usage, signed by <paramref name="issuer"/> or self-signed when null.</summary>
    public static X509Certificate2 Raw(string subject, X509Certificate2? issuer, Oid[] usages, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        CustomCertificates.Leaf(subject, issuer, usages, notBefore, notAfter);

    /// <summary>A CA without a path length limit (a nation's own root, or its issuing CA under <paramref name="issuer"/>), with its key.</summary>
    public static X509Certificate2 RawCa(string subject, X509Certificate2? issuer) => CustomCertificates.Ca(subject, issuer);

    public static PeerCertificateValidator Validator(params TrustedPeerCertificate[] peers) => new(peers);
}
