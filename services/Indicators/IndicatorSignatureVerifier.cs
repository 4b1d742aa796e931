using System.Security.Cryptography;
using CyberPledge.Indicators.Signing;
using CyberPledge.V1;

namespace CyberPledge.Indicators;

/// <summary>
/// Checks a version's origin signature (canonical encoding v1, ECDSA P-256 / SHA-256) against
/// the origin's public key. Federation calls it for every foreign version it receives; which
/// key belongs to which origin is the caller's knowledge (its pinned peer registry).
/// </summary>
public static class IndicatorSignatureVerifier
{
    /// <summary>Verifies <paramref name="indicator"/> against <paramref name="originPublicKey"/> (SubjectPublicKeyInfo, DER).</summary>
    public static SignatureCheck Verify(Indicator indicator, ReadOnlySpan<byte> originPublicKey)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var signature = indicator.Signature;
        if (signature is null || signature.Value.IsEmpty)
        {
            return SignatureCheck.Invalid("signature: missing");
        }

        if (signature.Algorithm != SignatureAlgorithm.Name)
        {
            return SignatureCheck.Invalid($"signature.algorithm: expected {SignatureAlgorithm.Name}");
        }

        if (signature.Value.Length != SignatureAlgorithm.SignatureLength)
        {
            return SignatureCheck.Invalid("signature.value: expected 64 bytes (IEEE P1363 r||s)");
        }

        if (!signature.KeyId.Span.SequenceEqual(SignatureAlgorithm.KeyId(originPublicKey)))
        {
            return SignatureCheck.Invalid("signature.key_id: signed with another key than the origin's");
        }

        if (indicator.SensitiveDigest.Length != SignatureAlgorithm.KeyIdLength)
        {
            return SignatureCheck.Invalid("sensitive_digest: expected 32 bytes");
        }

        if (indicator.Sensitive is not null
            && !IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive).AsSpan().SequenceEqual(indicator.SensitiveDigest.Span))
        {
            return SignatureCheck.Invalid("sensitive: does not match sensitive_digest (altered)");
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

        if (key.KeySize != 256)
        {
            return SignatureCheck.Invalid("origin_public_key: not a P-256 key");
        }

        var encoded = IndicatorCanonicalEncoding.Encode(indicator);
        return key.VerifyData(encoded, signature.Value.Span, HashAlgorithmName.SHA256, SignatureAlgorithm.Format)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid("signature: does not verify (altered, or not signed by this key)");
    }
}
