using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.V1;

namespace CyberPledge.Testing.Nodes;

/// <summary>
/// A nation's certificates made at test time: its development CA and one node certificate, in memory and as PEM
/// files in a directory of the caller's, and its registry entry as another node's Partners service holds it.
/// </summary>
public sealed class TestNation : IDisposable
{
    private TestNation(string nation, string nodeId, X509Certificate2 ca, X509Certificate2 node, string directory)
    {
        Nation = nation;
        NodeId = nodeId;
        Ca = ca;
        Node = node;
        CaFile = Path.Combine(directory, "ca.pem");
        NodeCertificateFile = Path.Combine(directory, "node.pem");
        NodeKeyFile = Path.Combine(directory, "node-key.pem");
        CertificateFiles.Write(ca, CaFile, Path.Combine(directory, "ca-key.pem"));
        CertificateFiles.Write(node, NodeCertificateFile, NodeKeyFile);
    }

    public string Nation { get; }

    public string NodeId { get; }

    /// <summary>The nation's CA, with its private key.</summary>
    public X509Certificate2 Ca { get; }

    /// <summary>The node certificate (O = nation, CN = node id, SAN localhost and 127.0.0.1), with its private key.</summary>
    public X509Certificate2 Node { get; }

    public string CaFile { get; }

    public string NodeCertificateFile { get; }

    public string NodeKeyFile { get; }

    /// <summary>The node role a gateway gives this nation's node.</summary>
    public string NodeRole => $"node:{Nation}:{NodeId}";

    /// <summary>Makes the CA and node certificate, valid from a day ago for 30 days, under <paramref name="directory"/>/NATION.</summary>
    public static TestNation Create(string nation, string directory, string nodeId = "node-1")
    {
        var now = DateTimeOffset.UtcNow;
        var ca = NodeCertificates.CreateNationCa(nation, now.AddDays(-2), now.AddDays(60));
        var node = NodeCertificates.CreateNodeCertificate(ca, nation, nodeId, ["localhost", "127.0.0.1"], now.AddDays(-1), now.AddDays(30));
        var folder = Path.Combine(directory, nation);
        Directory.CreateDirectory(folder);
        return new TestNation(nation, nodeId, ca, node, folder);
    }

    /// <summary>Another node certificate from this nation's CA, e.g. one already expired.</summary>
    public X509Certificate2 IssueNode(string nodeId, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        NodeCertificates.CreateNodeCertificate(Ca, Nation, nodeId, ["localhost", "127.0.0.1"], notBefore, notAfter);

    /// <summary>The registry entry for this nation (its CA), as an administrator adds it to another node.</summary>
    public Peer AsPeer(Tier tier = Tier.Ally) => new()
    {
        Nation = Nation,
        Name = "Test nation " + Nation,
        Tier = tier,
        CaCertificatePem = Ca.ExportCertificatePem(),
    };

    public void Dispose()
    {
        Ca.Dispose();
        Node.Dispose();
    }
}
