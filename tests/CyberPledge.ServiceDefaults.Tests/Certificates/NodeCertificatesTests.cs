using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>What a development CA and a node certificate contain (DESIGN.md Decision 8).</summary>
public sealed class NodeCertificatesTests
{
    private static readonly DateTimeOffset Now = TestPki.Now;

    [Fact]
    public void CreateNationCa_Nation_CaForNodeCertificatesOnlyWithKey()
    {
        using var ca = TestPki.Ca("NLD");

        Assert.Equal("CN=CyberPledge development CA NLD, O=NLD", ca.Subject);
        Assert.True(ca.HasPrivateKey);
        using var publicKey = ca.GetECDsaPublicKey();
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, publicKey!.ExportParameters(includePrivateParameters: false).Curve.Oid.Value);
        var constraints = Assert.Single(ca.Extensions.OfType<X509BasicConstraintsExtension>());
        Assert.True(constraints is { CertificateAuthority: true, HasPathLengthConstraint: true, PathLengthConstraint: 0, Critical: true });
        var usage = Assert.Single(ca.Extensions.OfType<X509KeyUsageExtension>());
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        Assert.True(usage.Critical);
        Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>());
    }

    [Fact]
    public void CreateNodeCertificate_HostNamesAndAddresses_NamedInSubjectAndAlternativeNames()
    {
        using var ca = TestPki.Ca("NLD");

        using var node = NodeCertificates.CreateNodeCertificate(ca, "NLD", "hague-1", ["gateway.nld.example", "127.0.0.1", "::1"], Now, Now.AddDays(1));

        Assert.Equal("CN=hague-1, O=NLD", node.Subject);
        Assert.Equal(ca.Subject, node.Issuer);
        Assert.True(node.HasPrivateKey);
        var names = Assert.Single(node.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["gateway.nld.example"], names.EnumerateDnsNames());
        Assert.Equal([IPAddress.Loopback, IPAddress.IPv6Loopback], names.EnumerateIPAddresses());
        var usages = Assert.Single(node.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value);
        Assert.Equal([TestPki.ServerAuthentication.Value, TestPki.ClientAuthentication.Value], usages);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, Assert.Single(node.Extensions.OfType<X509KeyUsageExtension>()).KeyUsages);
        var authority = Assert.Single(node.Extensions.OfType<X509AuthorityKeyIdentifierExtension>());
        Assert.Equal(Assert.Single(ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>()).SubjectKeyIdentifierBytes.ToArray(), authority.KeyIdentifier!.Value.ToArray());
    }

    [Fact]
    public void CreateNodeCertificate_TwoCertificates_DistinctSerialNumbers()
    {
        using var ca = TestPki.Ca("NLD");

        using var first = TestPki.Node(ca, "NLD");
        using var second = TestPki.Node(ca, "NLD");

        Assert.NotEqual(first.SerialNumber, second.SerialNumber);
    }

    [Theory]
    [InlineData("nld", "node-1", "localhost")]
    [InlineData("NL", "node-1", "localhost")]
    [InlineData("NLD", "Node_1", "localhost")]
    [InlineData("NLD", "-node", "localhost")]
    [InlineData("NLD", "node-1", "not a host")]
    public void CreateNodeCertificate_MalformedArgument_Throws(string nation, string nodeId, string host)
    {
        using var ca = TestPki.Ca("NLD");

        Assert.Throws<ArgumentException>(() => NodeCertificates.CreateNodeCertificate(ca, nation, nodeId, [host], Now, Now.AddDays(1)));
    }

    [Fact]
    public void CreateNodeCertificate_NoHostName_Throws()
    {
        using var ca = TestPki.Ca("NLD");

        var error = Assert.Throws<ArgumentException>(() => NodeCertificates.CreateNodeCertificate(ca, "NLD", "node-1", [], Now, Now.AddDays(1)));

        Assert.Equal("hostNames", error.ParamName);
    }

    [Fact]
    public void CreateNodeCertificate_OutlivingItsCa_Throws()
    {
        using var ca = TestPki.Ca("NLD");

        var error = Assert.Throws<ArgumentException>(() => NodeCertificates.CreateNodeCertificate(ca, "NLD", "node-1", ["localhost"], Now, Now.AddDays(400)));

        Assert.Contains("within its CA's", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateNationCa_AlphaTwoNation_Throws()
    {
        Assert.Throws<ArgumentException>(() => NodeCertificates.CreateNationCa("NL", Now, Now.AddDays(1)));
    }
}
