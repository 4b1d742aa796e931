using System.Security.Cryptography;

namespace CyberPledge.Signing.Internal;

/// <summary>The one signature scheme of canonical encoding v1: ECDSA P-256 over a batch's Merkle root.</summary>
internal static class SignatureAlgorithm
{
    public const string Name = "ECDSA-P256-SHA256-MERKLE";
    public const string BatchDomain = "cyberpledge.batch.v1";
    public const int SignatureLength = 64;
    public const int MaxTreeSize = 1 << 20;
    public const DSASignatureFormat Format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    /// <summary>A key's id: SHA-256 of its SubjectPublicKeyInfo (DER).</summary>
    public static byte[] KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo);

    /// <summary>What the origin's ECDSA signature covers: the domain, the tree size and the root.</summary>
    public static byte[] BatchStatement(uint treeSize, ReadOnlySpan<byte> root)
    {
        var writer = new CanonicalWriter();
        writer.WriteString(BatchDomain);
        writer.WriteUInt32(treeSize);
        writer.WriteBytes(root);
        return writer.WrittenSpan.ToArray();
    }

    public static bool IsP256(ECDsa key) =>
        key.KeySize == 256 && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value;
}
