using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;

namespace CyberPledge.Signing;

/// <summary>
/// Checks a version's origin signature (canonical encoding v1 or v2, full or redacted copy, Merkle batch,
/// ECDSA P-256 / SHA-256; docs/indicators.md) against the origin's public key. Federation calls it for
/// every foreign version it receives; which key belongs to which origin is the caller's
/// knowledge (its pinned peer registry). Versions of one batch share one ECDSA check, through
/// the cache this instance is given. Thread-safe.
/// </summary>
/// <param name="verifiedBatches">This verifier's own record of batches it has verified.</param>
public sealed class IndicatorSignatureVerifier(VerifiedBatchCache verifiedBatches)
{
    private static readonly string SignatureLengthError =
        $"signature.value: expected {SignatureAlgorithm.SignatureLength} bytes (IEEE P1363 r||s)";

    private static readonly string TreeSizeError = $"signature.tree_size: must be 1-{SignatureAlgorithm.MaxTreeSize}";

    private readonly VerifiedBatchCache _verifiedBatches = verifiedBatches ?? throw new ArgumentNullException(nameof(verifiedBatches));

    /// <summary>Verifies <paramref name="indicator"/> against <paramref name="originPublicKey"/> (SubjectPublicKeyInfo, DER).</summary>
    public SignatureCheck Verify(Indicator indicator, ReadOnlySpan<byte> originPublicKey)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var signature = indicator.Signature;
        if (CheckShape(indicator, originPublicKey) is { } shapeError)
        {
            return SignatureCheck.Invalid(shapeError);
        }

        if (EncodingChecks.Check(indicator) is { } encodingError)
        {
            return SignatureCheck.Invalid(encodingError);
        }

        var leaf = MerkleTree.LeafHash(IndicatorCanonicalEncoding.Write(indicator).WrittenSpan);
        var path = signature.AuditPath.Select(p => p.Memory).ToArray();
        var root = MerkleTree.RootFromInclusionProof(signature.LeafIndex, signature.TreeSize, leaf, path);
        if (root is null)
        {
            return SignatureCheck.Invalid("signature.audit_path: not an inclusion proof for leaf_index and tree_size");
        }

        var statement = SignatureAlgorithm.BatchStatement(signature.TreeSize, root);
        if (_verifiedBatches.Contains(originPublicKey, statement, signature.Value.Span))
        {
            return SignatureCheck.Valid;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(originPublicKey, out _);
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid("origin_public_key: not an EC SubjectPublicKeyInfo");
        }

        if (!SignatureAlgorithm.IsP256(key))
        {
            return SignatureCheck.Invalid("origin_public_key: not a P-256 key");
        }

        if (!key.VerifyData(statement, signature.Value.Span, HashAlgorithmName.SHA256, SignatureAlgorithm.Format))
        {
            return SignatureCheck.Invalid("signature: does not verify (altered, or not signed by this key)");
        }

        _verifiedBatches.Add(originPublicKey, statement, signature.Value.Span);
        return SignatureCheck.Valid;
    }

    private static string? CheckShape(Indicator indicator, ReadOnlySpan<byte> originPublicKey)
    {
        var signature = indicator.Signature;
        if (signature is null || signature.Value.IsEmpty)
        {
            return "signature: missing";
        }

        if (signature.Algorithm != SignatureAlgorithm.Name)
        {
            return $"signature.algorithm: expected {SignatureAlgorithm.Name}";
        }

        if (signature.Value.Length != SignatureAlgorithm.SignatureLength)
        {
            return SignatureLengthError;
        }

        if (signature.TreeSize is 0 or > SignatureAlgorithm.MaxTreeSize)
        {
            return TreeSizeError;
        }

        if (!signature.KeyId.Span.SequenceEqual(SignatureAlgorithm.KeyId(originPublicKey)))
        {
            return "signature.key_id: signed with another key than the origin's";
        }

        return null;
    }
}
