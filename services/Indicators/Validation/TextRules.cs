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

    /// <summary>The reason given for text that held bytes which are not UTF-8.</summary>
    public const string NotUtf8 = "not valid UTF-8";

    /// <summary>
    /// Free text: any printable text plus line breaks and tabs, up to a length. Bidirectional controls are refused
    /// (they make text read differently from what it is: SECURITY.md rule 9), and so is U+FFFD: protobuf's C# runtime
    /// puts it in place of bytes that are not UTF-8, and the node must not sign text that nobody sent.
    /// </summary>
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

        return TryCheckCharacters(text, out reason);
    }

    /// <summary>The characters no text field may hold: U+FFFD (bytes that were not UTF-8) and bidirectional controls.</summary>
    public static bool TryCheckCharacters(string text, [NotNullWhen(false)] out string? reason)
    {
        foreach (var c in text)
        {
            if (c == '\uFFFD')
            {
                reason = NotUtf8;
                return false;
            }

            if (IsBidirectionalControl(c))
            {
                reason = "bidirectional control characters (U+202A-U+202E, U+2066-U+2069) are not allowed";
                return false;
            }
        }

        reason = null;
        return true;
    }

    /// <summary>A tag: trimmed, lower case, 1-64 printable characters without line breaks.</summary>
    public static bool TryNormalizeTag(string tag, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        if (!TryCheckCharacters(tag, out reason))
        {
            value = null;
            return false;
        }

        value = tag.Trim().ToLowerInvariant();
        if (value.Length is 0 or > MaxTagLength || value.Any(char.IsControl))
        {
            value = null;
            reason = string.Create(CultureInfo.InvariantCulture, $"a tag is 1-{MaxTagLength} printable characters");
            return false;
        }

        reason = null;
        return true;
    }

    private static bool IsBidirectionalControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>A STIX kill-chain or phase name: lower case letters, digits and hyphens.</summary>
    public static bool IsKillChainName(string name) =>
        name.Length is > 0 and <= MaxKillChainNameLength
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
