using CyberPledge.V1;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// Turns an <see cref="IndicatorSubmission"/> into the normalized content of a version, or
/// the first <see cref="FieldError"/> it finds. The result has no origin, version, times of
/// its own, distribution defaults, salts, digests or signature: the versioning step adds them.
/// </summary>
internal static class SubmissionValidator
{
    /// <summary>The highest confidence (STIX 2.1's 0-100 scale).</summary>
    public const uint MaxConfidence = 100;

    public static FieldError? TryNormalize(IndicatorSubmission submission, DateTimeOffset now, out Indicator content)
    {
        content = new Indicator();
        if (submission.Id.Length > 0)
        {
            if (!IndicatorIds.TryNormalize(submission.Id, out var id))
            {
                return FieldError.Invalid("id", "not a UUID");
            }

            content.Id = id;
        }

        return CheckTypeAndValue(submission, content)
            ?? CheckMarkings(submission, content)
            ?? CheckLists(submission, content)
            ?? CheckValidity(submission, now, content)
            ?? CheckTexts(submission, content)
            ?? CheckDistribution(submission, content);
    }

    private static FieldError? CheckTypeAndValue(IndicatorSubmission submission, Indicator content)
    {
        if (submission.Type == IndicatorType.Unspecified)
        {
            return FieldError.Invalid("type", "required");
        }

        if (!System.Enum.IsDefined(submission.Type))
        {
            return FieldError.Invalid("type", "unknown indicator type " + (int)submission.Type);
        }

        if (!TextRules.TryCheckCharacters(submission.Value, out var reason)
            || !IndicatorValueNormalizer.TryNormalize(submission.Type, submission.Value, out var value, out reason))
        {
            return FieldError.Invalid("value", reason);
        }

        if (submission.Type == IndicatorType.Cidr && ShortCidr(value) is { } tooShort)
        {
            return FieldError.Invalid("value", tooShort);
        }

        content.Type = submission.Type;
        content.Value = value;
        return null;
    }

    /// <summary>The shortest networks Submit takes (SECURITY.md rule 4): shorter ones are too broad to be an indicator.</summary>
    public const int MinCidrPrefixIpv4 = 8;

    /// <inheritdoc cref="MinCidrPrefixIpv4"/>
    public const int MinCidrPrefixIpv6 = 16;

    /// <summary>Why a normalized CIDR is too short for Submit; null when it is not.</summary>
    private static string? ShortCidr(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        var prefix = int.Parse(cidr.AsSpan(slash + 1), CultureInfo.InvariantCulture);
        var (minimum, family) = cidr.Contains(':', StringComparison.Ordinal) ? (MinCidrPrefixIpv6, "IPv6") : (MinCidrPrefixIpv4, "IPv4");
        return prefix < minimum
            ? string.Create(CultureInfo.InvariantCulture, $"an {family} network shorter than /{minimum} is too broad to be an indicator (SECURITY.md rule 4)")
            : null;
    }

    private static FieldError? CheckMarkings(IndicatorSubmission submission, Indicator content)
    {
        if (submission.Tlp == Tlp.Unspecified)
        {
            return FieldError.Invalid("tlp", "required (CLEAR, GREEN, AMBER, AMBER+STRICT or RED)");
        }

        if (!System.Enum.IsDefined(submission.Tlp))
        {
            return FieldError.Invalid("tlp", "unknown TLP " + (int)submission.Tlp);
        }

        if (submission.Confidence > MaxConfidence)
        {
            return FieldError.Invalid("confidence", string.Create(CultureInfo.InvariantCulture, $"must be 0-{MaxConfidence}"));
        }

        if (!System.Enum.IsDefined(submission.Severity))
        {
            return FieldError.Invalid("severity", "unknown severity " + (int)submission.Severity);
        }

        content.Tlp = submission.Tlp;
        content.Confidence = submission.Confidence;
        content.Severity = submission.Severity;
        return null;
    }

    private static FieldError? CheckLists(IndicatorSubmission submission, Indicator content)
    {
        for (var i = 0; i < submission.Sectors.Count; i++)
        {
            var sector = submission.Sectors[i];
            if (sector == Sector.Unspecified || !System.Enum.IsDefined(sector))
            {
                return FieldError.Invalid($"sectors[{i}]", "unknown sector " + (int)sector);
            }
        }

        content.Sectors.Add(submission.Sectors.Distinct().Order());

        if (submission.Tags.Count > TextRules.MaxTags)
        {
            return FieldError.Invalid("tags", string.Create(CultureInfo.InvariantCulture, $"at most {TextRules.MaxTags} tags"));
        }

        var tags = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < submission.Tags.Count; i++)
        {
            if (!TextRules.TryNormalizeTag(submission.Tags[i], out var tag, out var reason))
            {
                return FieldError.Invalid($"tags[{i}]", reason);
            }

            tags.Add(tag);
        }

        content.Tags.Add(tags);
        return CheckKillChainPhases(submission, content);
    }

    private static FieldError? CheckKillChainPhases(IndicatorSubmission submission, Indicator content)
    {
        if (submission.KillChainPhases.Count > TextRules.MaxKillChainPhases)
        {
            return FieldError.Invalid("kill_chain_phases", string.Create(CultureInfo.InvariantCulture, $"at most {TextRules.MaxKillChainPhases} phases"));
        }

        var phases = new SortedSet<(string Chain, string Phase)>();
        for (var i = 0; i < submission.KillChainPhases.Count; i++)
        {
            var phase = submission.KillChainPhases[i];
            var chain = phase.KillChainName.Trim().ToLowerInvariant();
            var name = phase.PhaseName.Trim().ToLowerInvariant();
            if (!TextRules.IsKillChainName(chain) || !TextRules.IsKillChainName(name))
            {
                return FieldError.Invalid($"kill_chain_phases[{i}]", string.Create(CultureInfo.InvariantCulture, $"names are 1-{TextRules.MaxKillChainNameLength} lower-case letters, digits and hyphens"));
            }

            phases.Add((chain, name));
        }

        content.KillChainPhases.Add(phases.Select(p => new KillChainPhase { KillChainName = p.Chain, PhaseName = p.Phase }));
        return null;
    }

    private static FieldError? CheckValidity(IndicatorSubmission submission, DateTimeOffset now, Indicator content)
    {
        if (submission.ValidFrom is { } from && !Timestamps.IsValid(from))
        {
            return FieldError.Invalid("valid_from", "not a valid timestamp");
        }

        if (submission.ValidUntil is { } until && !Timestamps.IsValid(until))
        {
            return FieldError.Invalid("valid_until", "not a valid timestamp");
        }

        // Left empty when not given: the version inherits the current valid_from, or "now".
        content.ValidFrom = submission.ValidFrom?.Clone();
        if (submission.ValidUntil is not null)
        {
            if (submission.ValidUntil.CompareTo(submission.ValidFrom ?? Timestamp.FromDateTimeOffset(now)) <= 0)
            {
                return FieldError.Invalid("valid_until", "must be after valid_from");
            }

            content.ValidUntil = submission.ValidUntil.Clone();
        }

        return null;
    }

    private static FieldError? CheckTexts(IndicatorSubmission submission, Indicator content)
    {
        if (!TextRules.TryCheckFreeText(submission.Description, TextRules.MaxDescriptionLength, out var reason))
        {
            return FieldError.Invalid("description", reason);
        }

        if (!TextRules.TryCheckFreeText(submission.ReportingOrganisation, TextRules.MaxReportingOrganisationLength, out reason))
        {
            return FieldError.Invalid("reporting_organisation", reason);
        }

        if (!TextRules.TryCheckFreeText(submission.InternalNotes, TextRules.MaxInternalNotesLength, out reason))
        {
            return FieldError.Invalid("internal_notes", reason);
        }

        content.Description = submission.Description;
        content.Sensitive = new SensitiveFields
        {
            ReportingOrganisation = submission.ReportingOrganisation,
            InternalNotes = submission.InternalNotes,
        };
        return null;
    }

    private static FieldError? CheckDistribution(IndicatorSubmission submission, Indicator content)
    {
        var error = DistributionRules.Check(submission.Distribution ?? new Distribution(), content.Tlp, out var distribution);
        content.Distribution = distribution;
        content.Exercise = submission.Exercise;
        return error;
    }
}
