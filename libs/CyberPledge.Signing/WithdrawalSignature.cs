using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;

namespace CyberPledge.Signing;

/// <summary>
/// The sender's signature on a federation withdrawal (SECURITY.md rule 6, federation.proto <c>Withdrawal</c>): ECDSA
/// P-256 / SHA-256 over a canonical encoding of (sender, grantee, origin, indicator id, version) under its own domain,
/// so a withdrawal signature can never pass for an indicator batch signature, nor the reverse.
/// </summary>
public static class WithdrawalSignature
{
    /// <summary>The domain string that starts a withdrawal's encoding.</summary>
    public const string Domain = "cyberpledge.withdrawal.v1";

    /// <summary>The bytes the sender signs: the domain, sender nation and node id, grantee, origin nation and node id, indicator id, version.</summary>
    public static byte[] Encode(Withdrawal withdrawal)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        var writer = new CanonicalWriter();
        writer.WriteString(Domain);
        writer.WriteString(withdrawal.Sender?.Nation ?? "");
        writer.WriteString(withdrawal.Sender?.NodeId ?? "");
        writer.WriteString(withdrawal.Grantee);
        writer.WriteString(withdrawal.Origin?.Nation ?? "");
        writer.WriteString(withdrawal.Origin?.NodeId ?? "");
        writer.WriteString(withdrawal.IndicatorId);
        writer.WriteUInt64(withdrawal.Version);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Checks <paramref name="withdrawal"/>'s key id and signature against the sender's key (SubjectPublicKeyInfo, DER).</summary>
    public static SignatureCheck Verify(Withdrawal withdrawal, ReadOnlySpan<byte> senderPublicKey)
    {
        ArgumentNullException.ThrowIfNull(withdrawal);
        if (withdrawal.Signature.Length != SignatureAlgorithm.SignatureLength)
        {
            return SignatureCheck.Invalid($"signature: expected {SignatureAlgorithm.SignatureLength} bytes (IEEE P1363 r||s)");
        }

        if (!withdrawal.KeyId.Span.SequenceEqual(SignatureAlgorithm.KeyId(senderPublicKey)))
        {
            return SignatureCheck.Invalid("key_id: signed with another key than the sender's");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(senderPublicKey, out _);
        }
        catch (CryptographicException)
        {
            return SignatureCheck.Invalid("sender key: not an EC SubjectPublicKeyInfo");
        }

        return SignatureAlgorithm.IsP256(key) && key.VerifyData(Encode(withdrawal), withdrawal.Signature.Span, HashAlgorithmName.SHA256, SignatureAlgorithm.Format)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid("signature: does not verify (altered, or not signed by the sender's key)");
    }
}
