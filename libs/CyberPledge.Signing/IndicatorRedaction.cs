using System.Security.Cryptography;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing;

/// <summary>
/// Redaction that keeps provenance (DESIGN.md Decision 1). The origin commits every redactable field of a new version
/// by its own salted digest (<see cref="Commit"/>, canonical encoding v2) before signing; anyone may then leave fields
/// out of a copy (<see cref="Redact"/>): the copy keeps the digests, drops the fields and their salts, and still
/// verifies, while the receiver cannot confirm a guess of a dropped field.
/// </summary>
public static class IndicatorRedaction
{
    private const int SaltBytes = FieldDigests.Count * FieldDigests.SaltLength;

    /// <summary>
    /// Makes <paramref name="version"/>, whose fields are final, a canonical encoding v2 version (v3 when it carries
    /// <c>imported</c>, SECURITY.md rule 2) ready to sign: fresh
    /// 128-bit salts for the five redactable fields (one call to the CSPRNG), their digests, and no v1 salt or digest.
    /// </summary>
    public static void Commit(Indicator version)
    {
        ArgumentNullException.ThrowIfNull(version);
        // One array backs every salt and digest of the version: the ByteStrings wrap slices of it, never copied.
        var block = new byte[SaltBytes + (FieldDigests.Count * FieldDigests.DigestLength)];
        RandomNumberGenerator.Fill(block.AsSpan(0, SaltBytes));
        version.Encoding = version.Imported is null ? CanonicalEncoding.V2 : CanonicalEncoding.V3;
        version.SensitiveDigest = ByteString.Empty;
        if (version.Sensitive is not null)
        {
            version.Sensitive.Salt = ByteString.Empty;
        }

        var commitments = new FieldCommitments();
        var order = FieldDigests.Order;
        for (var i = 0; i < order.Length; i++)
        {
            var salt = block.AsMemory(i * FieldDigests.SaltLength, FieldDigests.SaltLength);
            var digest = block.AsMemory(SaltBytes + (i * FieldDigests.DigestLength), FieldDigests.DigestLength);
            FieldDigests.Compute(order[i], salt.Span, version, digest.Span);
            FieldDigests.Set(commitments, order[i], new FieldCommitment
            {
                Salt = UnsafeByteOperations.UnsafeWrap(salt),
                Digest = UnsafeByteOperations.UnsafeWrap(digest),
            });
        }

        version.Commitments = commitments;
    }

    /// <summary>The fields a copy of <paramref name="version"/> may leave out and still verify: all under v2, the sensitive texts under v1.</summary>
    public static RedactableFields Redactable(Indicator version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return IndicatorCanonicalEncoding.CommitsEachField(version.Encoding) ? RedactableFields.All : RedactableFields.Sensitive;
    }

    /// <summary>
    /// A copy of <paramref name="version"/> without <paramref name="fields"/> that still verifies. Under v2 each field
    /// goes with its salt, its digest stays. Under v1 either sensitive text drops the whole <c>sensitive</c> message
    /// (one digest commits both); the other fields cannot be left out of a v1 copy.
    /// </summary>
    /// <exception cref="ArgumentException">A v1 version and a field outside <see cref="RedactableFields.Sensitive"/>.</exception>
    public static Indicator Redact(Indicator version, RedactableFields fields)
    {
        ArgumentNullException.ThrowIfNull(version);
        fields &= RedactableFields.All;
        if ((fields & ~Redactable(version)) != 0)
        {
            throw new ArgumentException(
                $"Canonical encoding v1 signs {fields & ~RedactableFields.Sensitive} directly: a copy without it would not verify.", nameof(fields));
        }

        var copy = version.Clone();
        if (!IndicatorCanonicalEncoding.CommitsEachField(version.Encoding))
        {
            if (fields != RedactableFields.None)
            {
                copy.Sensitive = null;
            }

            return copy;
        }

        foreach (var field in FieldDigests.Order)
        {
            if ((fields & field) != 0)
            {
                FieldDigests.Clear(copy, field);
                if (FieldDigests.Get(copy.Commitments, field) is { } commitment)
                {
                    commitment.Salt = ByteString.Empty;
                }
            }
        }

        if (copy.Sensitive is { ReportingOrganisation.Length: 0, InternalNotes.Length: 0 } && (fields & RedactableFields.Sensitive) != 0)
        {
            copy.Sensitive = null;
        }

        return copy;
    }

    /// <summary>The fields this copy leaves out: under v2 those whose salt is absent, under v1 both sensitive texts when <c>sensitive</c> is.</summary>
    public static RedactableFields Redacted(Indicator copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        if (!IndicatorCanonicalEncoding.CommitsEachField(copy.Encoding))
        {
            return copy.Sensitive is null ? RedactableFields.Sensitive : RedactableFields.None;
        }

        var redacted = RedactableFields.None;
        foreach (var field in FieldDigests.Order)
        {
            if (FieldDigests.Get(copy.Commitments, field) is not { Salt.IsEmpty: false })
            {
                redacted |= field;
            }
        }

        return redacted;
    }
}
