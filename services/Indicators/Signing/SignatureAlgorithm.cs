using System.Security.Cryptography;

namespace CyberPledge.Indicators.Signing;

/// <summary>The one signature scheme of canonical encoding v1.</summary>
internal static class SignatureAlgorithm
{
    public const string Name = "ECDSA-P256-SHA256";
    public const int SignatureLength = 64;
    public const int KeyIdLength = 32;
    public const DSASignatureFormat Format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    /// <summary>A key's id: SHA-256 of its SubjectPublicKeyInfo (DER).</summary>
    public static byte[] KeyId(ReadOnlySpan<byte> subjectPublicKeyInfo) => SHA256.HashData(subjectPublicKeyInfo);
}
