using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// Turns an <see cref="ImportItem"/> into the content of an imported version (SECURITY.md rule 2): its provenance is
/// checked here, its indicator as a Submit's (<see cref="SubmissionValidator"/>, errors under "indicator."). The
/// result carries the derived id and the provenance (never promoted) and is never re-shareable.
/// </summary>
internal static class ImportValidator
{
    /// <summary>The longest <c>source</c>.</summary>
    public const int MaxSourceLength = 512;

    /// <summary>The longest STIX type name (STIX 2.1 §3.1: 3-250 characters).</summary>
    private const int MaxStixTypeLength = 250;

    public static FieldError? TryNormalize(ImportItem item, DateTimeOffset now, out Indicator content)
    {
        content = new Indicator();
        if (CheckSource(item.Source) is { } sourceError)
        {
            return sourceError;
        }

        if (!TryNormalizeStixId(item.StixId, out var stixId, out var reason))
        {
            return FieldError.Invalid("stix_id", reason);
        }

        if (item.StixModified is null || !Timestamps.IsValid(item.StixModified))
        {
            return FieldError.Invalid("stix_modified", item.StixModified is null ? "required" : "not a valid timestamp");
        }

        if (item.StixCreated is null || !Timestamps.IsValid(item.StixCreated))
        {
            return FieldError.Invalid("stix_created", item.StixCreated is null ? "required" : "not a valid timestamp");
        }

        if (item.StixCreated.CompareTo(item.StixModified) > 0)
        {
            return FieldError.Invalid("stix_created", "after stix_modified");
        }

        if (item.Indicator is null)
        {
            return FieldError.Invalid("indicator", "required");
        }

        if (item.Indicator.Id.Length > 0)
        {
            return FieldError.Invalid("indicator.id", "must be empty: the id derives from source and stix_id");
        }

        // Imported data is never re-shareable, whatever the item said: its distribution is not read at all.
        var submission = item.Indicator.Clone();
        submission.Distribution = null;
        if (SubmissionValidator.TryNormalize(submission, now, out content) is { } error)
        {
            return error with { Field = "indicator." + error.Field };
        }

        content.Id = IndicatorIds.FromImport(item.Source, stixId);
        content.Distribution = new Distribution();
        content.Imported = new ImportProvenance { Source = item.Source, StixId = stixId, StixModified = item.StixModified.Clone() };
        return null;
    }

    private static FieldError? CheckSource(string source)
    {
        if (source.Length == 0)
        {
            return FieldError.Invalid("source", "required");
        }

        if (source.Length > MaxSourceLength)
        {
            return FieldError.Invalid("source", string.Create(CultureInfo.InvariantCulture, $"at most {MaxSourceLength} characters"));
        }

        return TextRules.TryCheckCharacters(source, out var reason) ? null : FieldError.Invalid("source", reason);
    }

    /// <summary>A STIX identifier, "type--UUID" (STIX 2.1 §2.9), with the UUID in lower case.</summary>
    private static bool TryNormalizeStixId(string text, out string stixId, out string reason)
    {
        stixId = "";
        reason = "required";
        if (text.Length == 0)
        {
            return false;
        }

        reason = "not a STIX identifier (type--UUID)";
        var separator = text.IndexOf("--", StringComparison.Ordinal);
        if (separator < 0 || !IsStixType(text.AsSpan(0, separator)) || !IndicatorIds.TryNormalize(text[(separator + 2)..], out var uuid))
        {
            return false;
        }

        stixId = text[..separator] + "--" + uuid;
        return true;
    }

    private static bool IsStixType(ReadOnlySpan<char> type) =>
        type.Length is >= 3 and <= MaxStixTypeLength && type[0] is >= 'a' and <= 'z' && type[^1] != '-'
        && !type.ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-");
}
