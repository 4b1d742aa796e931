using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// A foreign version must already be in the form its origin's node produced: normalized,
/// complete and within the limits. It is checked, never rewritten (that would break its signature).
/// </summary>
internal static class ForeignVersionValidator
{
    public static FieldError? Check(Indicator indicator)
    {
        if (!IndicatorIds.TryNormalize(indicator.Id, out var id) || id != indicator.Id)
        {
            return FieldError.Invalid("indicator.id", "not a lower-case UUID");
        }

        if (indicator.Version == 0)
        {
            return FieldError.Invalid("indicator.version", "versions start at 1");
        }

        if (indicator.Created is null || indicator.Modified is null || indicator.ValidFrom is null)
        {
            return FieldError.Invalid("indicator", "created, modified and valid_from are required");
        }

        if (!Timestamps.IsValid(indicator.Created) || !Timestamps.IsValid(indicator.Modified))
        {
            return FieldError.Invalid("indicator", "created or modified is not a valid timestamp");
        }

        // The content rules include the distribution rules (TLP:RED is never re-shared).
        return OriginRules.Check(indicator.Origin, "indicator.origin") ?? CheckNormalizedContent(indicator);
    }

    private static FieldError? CheckNormalizedContent(Indicator indicator)
    {
        // Re-running the submission rules on the content must give back the same content.
        var submission = new IndicatorSubmission
        {
            Type = indicator.Type,
            Value = indicator.Value,
            Tlp = indicator.Tlp,
            Confidence = indicator.Confidence,
            Severity = indicator.Severity,
            ValidFrom = indicator.ValidFrom,
            ValidUntil = indicator.ValidUntil,
            Description = indicator.Description,
            ReportingOrganisation = indicator.Sensitive?.ReportingOrganisation ?? "",
            InternalNotes = indicator.Sensitive?.InternalNotes ?? "",
            Distribution = indicator.Distribution,
            Exercise = indicator.Exercise,
        };
        submission.Sectors.Add(indicator.Sectors);
        submission.Tags.Add(indicator.Tags);
        submission.KillChainPhases.Add(indicator.KillChainPhases);

        var error = SubmissionValidator.TryNormalize(submission, indicator.Modified.ToDateTimeOffset(), out var normalized);
        if (error is not null)
        {
            return error with { Field = "indicator." + error.Field };
        }

        if (normalized.Value != indicator.Value)
        {
            return FieldError.Invalid("indicator.value", "not in normal form");
        }

        if (!normalized.Sectors.SequenceEqual(indicator.Sectors) || !normalized.Tags.SequenceEqual(indicator.Tags)
            || !normalized.KillChainPhases.SequenceEqual(indicator.KillChainPhases))
        {
            return FieldError.Invalid("indicator", "sectors, tags or kill_chain_phases not in normal form (distinct, sorted)");
        }

        if (!normalized.Distribution.Equals(indicator.Distribution ?? new Distribution()))
        {
            return FieldError.Invalid("indicator.distribution.relay_audience", "not in normal form (tiers and alpha-3 nations distinct, sorted)");
        }

        // The digests' and salts' own shape is the signature check's (IndicatorSignatureVerifier).
        return indicator.Encoding switch
        {
            CanonicalEncoding.V1 when indicator.SensitiveDigest.Length != IndicatorCanonicalEncoding.SensitiveDigestLength =>
                FieldError.Invalid("indicator.sensitive_digest", $"expected {IndicatorCanonicalEncoding.SensitiveDigestLength} bytes"),
            CanonicalEncoding.V2 or CanonicalEncoding.V3 => DistributionRules.CheckStated(indicator.Distribution) is { } error2 ? error2 with { Field = "indicator." + error2.Field } : null,
            _ => null,
        };
    }
}
