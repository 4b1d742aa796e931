using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;

namespace CyberPledge.Signing;

/// <summary>
/// The canonical encodings of an indicator version: the exact bytes its origin signs (docs/indicators.md). A version
/// says which one in <c>encoding</c>: v1 (versions made before v2) covers the sensitive fields through one salted
/// digest and everything else directly; v2 commits each redactable field by its own salted digest; v3 is v2 plus the
/// import provenance of a version made from imported STIX data (SECURITY.md rule 2). Everything except the
/// signature's value and proof is covered in each.
/// </summary>
public static class IndicatorCanonicalEncoding
{
    /// <summary>The domain string that starts a v1 version's encoding.</summary>
    public const string IndicatorDomain = "cyberpledge.indicator.v1";

    /// <summary>The domain string that starts a v2 version's encoding.</summary>
    public const string IndicatorDomainV2 = "cyberpledge.indicator.v2";

    /// <summary>The domain string that starts a v3 version's encoding.</summary>
    public const string IndicatorDomainV3 = "cyberpledge.indicator.v3";

    /// <summary>The domain string that starts the input of <see cref="SensitiveDigest"/>.</summary>
    public const string SensitiveDomain = "cyberpledge.sensitive.v1";

    /// <summary>The length of <c>sensitive_digest</c> (SHA-256).</summary>
    public const int SensitiveDigestLength = SHA256.HashSizeInBytes;

    /// <summary>The length of a v2 field commitment's digest (SHA-256).</summary>
    public const int FieldDigestLength = FieldDigests.DigestLength;

    /// <summary>The length of the salt this library draws for each field of a v2 version (128 bits).</summary>
    public const int FieldSaltLength = FieldDigests.SaltLength;

    /// <summary>
    /// Whether <paramref name="encoding"/> commits each redactable field by its own salted digest and signs the
    /// distribution's relay audience, maximum relay TLP and the exercise marker: v2 and v3 (v3 only adds the import provenance).
    /// </summary>
    public static bool CommitsEachField(CanonicalEncoding encoding) => encoding is CanonicalEncoding.V2 or CanonicalEncoding.V3;

    /// <summary>The bytes a version's origin signs (as a Merkle leaf), in the version's own encoding.</summary>
    /// <exception cref="ArgumentException">An unknown encoding, or a v2 version without its commitments.</exception>
    public static byte[] Encode(Indicator indicator) => Write(indicator).WrittenSpan.ToArray();

    /// <summary>
    /// The version's leaf digest: the RFC 9162 Merkle leaf hash of its canonical encoding, SHA-256(0x00 || encoding).
    /// Redaction (v1: of <c>sensitive</c>; v2: of any redactable field) and relay paths do not change it, so two copies
    /// of one (origin, id, version) with different leaf digests are equivocation (SECURITY.md rule 8).
    /// </summary>
    public static byte[] LeafDigest(Indicator indicator) => MerkleTree.LeafHash(Write(indicator).WrittenSpan);

    /// <summary>
    /// A v2 field commitment's digest: SHA-256(string domain tag of the field || bytes salt || the field's canonical
    /// bytes), for one of the five redactable fields of <paramref name="version"/>.
    /// </summary>
    public static byte[] FieldDigest(RedactableFields field, ReadOnlySpan<byte> salt, Indicator version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var digest = new byte[FieldDigestLength];
        FieldDigests.Compute(field, salt, version, digest);
        return digest;
    }

    /// <summary>Encodes into this thread's writer; the bytes are valid until the thread's next encoding.</summary>
    internal static CanonicalWriter Write(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var writer = CanonicalWriter.ForThisThread();
        switch (indicator.Encoding)
        {
            case CanonicalEncoding.V1:
                WriteV1(writer, indicator);
                break;
            case CanonicalEncoding.V2:
                CanonicalEncodingV2.Write(writer, indicator);
                break;
            case CanonicalEncoding.V3:
                CanonicalEncodingV2.WriteV3(writer, indicator);
                break;
            default:
                throw new ArgumentException($"Unknown canonical encoding {(int)indicator.Encoding}.", nameof(indicator));
        }

        return writer;
    }

    private static void WriteV1(CanonicalWriter writer, Indicator indicator)
    {
        writer.WriteString(IndicatorDomain);
        WriteObservable(writer, indicator);
        writer.WriteUInt32((uint)indicator.Tags.Count);
        foreach (var tag in indicator.Tags)
        {
            writer.WriteString(tag);
        }

        writer.WriteUInt32((uint)indicator.KillChainPhases.Count);
        foreach (var phase in indicator.KillChainPhases)
        {
            writer.WriteString(phase.KillChainName);
            writer.WriteString(phase.PhaseName);
        }

        writer.WriteTimestamp(indicator.ValidFrom);
        writer.WriteTimestamp(indicator.ValidUntil);
        writer.WriteString(indicator.Description);
        writer.WriteBytes(indicator.SensitiveDigest.Span);
        writer.WriteString(indicator.Origin?.Nation ?? "");
        writer.WriteString(indicator.Origin?.NodeId ?? "");
        writer.WriteUInt64(indicator.Version);
        writer.WriteBool(indicator.Revoked);
        writer.WriteBool(indicator.Distribution?.MayReshare ?? false);
        writer.WriteUInt32(indicator.Distribution?.HopLimit ?? 0);
        writer.WriteTimestamp(indicator.Created);
        writer.WriteTimestamp(indicator.Modified);
        writer.WriteString(indicator.Signature?.Algorithm ?? "");
        writer.WriteBytes(indicator.Signature is null ? [] : indicator.Signature.KeyId.Span);
    }

    /// <summary>What both encodings write first after their domain: id, type, value, TLP, confidence, severity, sectors.</summary>
    internal static void WriteObservable(CanonicalWriter writer, Indicator indicator)
    {
        writer.WriteString(indicator.Id);
        writer.WriteInt32((int)indicator.Type);
        writer.WriteString(indicator.Value);
        writer.WriteInt32((int)indicator.Tlp);
        writer.WriteUInt32(indicator.Confidence);
        writer.WriteInt32((int)indicator.Severity);
        writer.WriteUInt32((uint)indicator.Sectors.Count);
        foreach (var sector in indicator.Sectors)
        {
            writer.WriteInt32((int)sector);
        }
    }

    /// <summary>Encoding v1: SHA-256 over the domain string, the salt and the sensitive fields.</summary>
    public static byte[] SensitiveDigest(SensitiveFields sensitive)
    {
        ArgumentNullException.ThrowIfNull(sensitive);
        var writer = new CanonicalWriter();
        writer.WriteString(SensitiveDomain);
        writer.WriteBytes(sensitive.Salt.Span);
        writer.WriteString(sensitive.ReportingOrganisation);
        writer.WriteString(sensitive.InternalNotes);
        return SHA256.HashData(writer.WrittenSpan);
    }
}
