using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;

namespace CyberPledge.Signing;

/// <summary>
/// Canonical encoding v1 of an indicator version: the exact bytes its origin signs.
/// Everything except the signature value is covered; the sensitive fields through their
/// salted digest, so agreements can redact them without breaking the signature.
/// </summary>
public static class IndicatorCanonicalEncoding
{
    /// <summary>The domain string that starts a version's encoding.</summary>
    public const string IndicatorDomain = "cyberpledge.indicator.v1";

    /// <summary>The domain string that starts the input of <see cref="SensitiveDigest"/>.</summary>
    public const string SensitiveDomain = "cyberpledge.sensitive.v1";

    /// <summary>The length of <c>sensitive_digest</c> (SHA-256).</summary>
    public const int SensitiveDigestLength = SHA256.HashSizeInBytes;

    /// <summary>The bytes a version's origin signs (as a Merkle leaf): every field except the signature's value and proof.</summary>
    public static byte[] Encode(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var writer = new CanonicalWriter();
        writer.WriteString(IndicatorDomain);
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
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>SHA-256 over the domain string, the salt and the sensitive fields.</summary>
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
