using CyberPledge.V1;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// What a version must hold for its encoding before its leaf is worth computing: under v1 a well-formed sensitive
/// digest and none of v2's fields (v1 does not sign them, so they could have been added by anyone); under v2 the five
/// commitments, each field either present with its salt and matching its digest, or left out with its salt; under v3
/// as v2 with the import provenance, which no other encoding signs.
/// </summary>
internal static class EncodingChecks
{
    private static readonly string SensitiveDigestLengthError =
        $"sensitive_digest: expected {IndicatorCanonicalEncoding.SensitiveDigestLength} bytes";

    public static string? Check(Indicator indicator) => indicator.Encoding switch
    {
        CanonicalEncoding.V1 => CheckV1(indicator),
        CanonicalEncoding.V2 => indicator.Imported is not null ? "imported: signed under canonical encoding v3 only" : CheckV2(indicator),
        CanonicalEncoding.V3 => indicator.Imported is null ? "imported: required under canonical encoding v3" : CheckV2(indicator),
        _ => $"encoding: unknown canonical encoding {(int)indicator.Encoding}",
    };

    private static string? CheckV1(Indicator indicator)
    {
        if (indicator.SensitiveDigest.Length != IndicatorCanonicalEncoding.SensitiveDigestLength)
        {
            return SensitiveDigestLengthError;
        }

        if (indicator.Imported is not null)
        {
            return "imported: signed under canonical encoding v3 only";
        }

        if (indicator.Commitments is not null)
        {
            return "commitments: not signed under canonical encoding v1";
        }

        if (indicator.Exercise)
        {
            return "exercise: not signed under canonical encoding v1";
        }

        if (indicator.Distribution is { } d && ((d.RelayAudience?.Tiers.Count ?? 0) + (d.RelayAudience?.Nations.Count ?? 0) > 0 || d.MaxRelayTlp != Tlp.Unspecified))
        {
            return "distribution: relay_audience and max_relay_tlp are not signed under canonical encoding v1";
        }

        return indicator.Sensitive is not null
            && !IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive).AsSpan().SequenceEqual(indicator.SensitiveDigest.Span)
            ? "sensitive: does not match sensitive_digest (altered)"
            : null;
    }

    private static string? CheckV2(Indicator indicator)
    {
        if (!indicator.SensitiveDigest.IsEmpty)
        {
            return "sensitive_digest: not used under canonical encoding v2 (each field has its own commitment)";
        }

        if (indicator.Sensitive is { Salt.IsEmpty: false })
        {
            return "sensitive.salt: not used under canonical encoding v2 (each field has its own salt)";
        }

        if (indicator.Commitments is null)
        {
            return "commitments: required under canonical encoding v2";
        }

        Span<byte> digest = stackalloc byte[FieldDigests.DigestLength];
        foreach (var field in FieldDigests.Order)
        {
            var commitment = FieldDigests.Get(indicator.Commitments, field);
            if (commitment is null || commitment.Digest.Length != FieldDigests.DigestLength)
            {
                return $"commitments.{FieldDigests.Name(field)}.digest: expected {FieldDigests.DigestLength} bytes";
            }

            if (commitment.Salt.IsEmpty)
            {
                if (!FieldDigests.IsEmpty(indicator, field))
                {
                    return $"{FieldDigests.ValuePath(field)}: present without its salt (a redacted field is left out)";
                }

                continue;
            }

            if (commitment.Salt.Length is < FieldDigests.SaltLength or > FieldDigests.MaxSaltLength)
            {
                return $"commitments.{FieldDigests.Name(field)}.salt: expected {FieldDigests.SaltLength}-{FieldDigests.MaxSaltLength} bytes";
            }

            FieldDigests.Compute(field, commitment.Salt.Span, indicator, digest);
            if (!digest.SequenceEqual(commitment.Digest.Span))
            {
                return $"{FieldDigests.ValuePath(field)}: does not match commitments.{FieldDigests.Name(field)}.digest (altered)";
            }
        }

        return null;
    }
}
