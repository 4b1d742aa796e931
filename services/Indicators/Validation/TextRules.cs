using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>Limits on the free-text fields, so one indicator cannot carry a document.</summary>
internal static class TextRules
{
    public const int MaxDescriptionLength = 4096;
    public const int MaxReportingOrganisationLength = 256;
    public const int MaxInternalNotesLength = 4096;
    public const int MaxTags = 32;
    public const int MaxTagLength = 64;
    public const int MaxKillChainPhases = 16;
    public const int MaxKillChainNameLength = 64;

    /// <summary>Free text: any printable text plus line breaks and tabs, up to a length.</summary>
    public static bool TryCheckFreeText(string text, int maxLength, [NotNullWhen(false)] out string? reason)
    {
        if (text.Length > maxLength)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"longer than {maxLength} characters");
            return false;
        }

        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            reason = "control characters are not allowed";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>A tag: trimmed, lower case, 1-64 printable characters without line breaks.</summary>
    public static bool TryNormalizeTag(string tag, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = tag.Trim().ToLowerInvariant();
        if (value.Length is 0 or > MaxTagLength || value.Any(char.IsControl))
        {
            value = null;
            reason = "a tag is 1-64 printable characters";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>A STIX kill-chain or phase name: lower case letters, digits and hyphens.</summary>
    public static bool IsKillChainName(string name) =>
        name.Length is > 0 and <= MaxKillChainNameLength
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
