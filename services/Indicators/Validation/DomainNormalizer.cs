using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// A fully qualified domain name in its IDNA ASCII form: lower case, no trailing dot,
/// internationalized labels converted with UTS #46 (IdnMapping on ICU) to "xn--" labels.
/// </summary>
/// <remarks>
/// Underscores are allowed in labels other than the top-level one: they are not host-name
/// characters (RFC 952), but DNS carries them (_dmarc, service labels) and threat reports do.
/// </remarks>
internal static class DomainNormalizer
{
    private const int MaxLength = 253;
    private const int MaxLabelLength = 63;

    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        var text = input.EndsWith('.') ? input[..^1] : input;
        if (text.Length == 0)
        {
            reason = "not a domain name: empty";
            return false;
        }

        // An ASCII name gets the precise reason from our own rules before IDNA checks its xn-- labels.
        var lower = text.ToLowerInvariant();
        if (lower.All(char.IsAscii) && CheckAsciiName(lower) is { } asciiReason)
        {
            reason = asciiReason;
            return false;
        }

        string ascii;
        try
        {
            // UseStd3AsciiRules would refuse underscores; the LDH check below is ours.
            ascii = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = false }
                .GetAscii(lower)
                .ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            reason = "not a valid internationalized domain name (IDNA)";
            return false;
        }

        reason = CheckAsciiName(ascii);
        if (reason is not null)
        {
            return false;
        }

        value = ascii;
        return true;
    }

    private static string? CheckAsciiName(string ascii)
    {
        if (ascii.Length > MaxLength)
        {
            return "not a domain name: longer than 253 characters";
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2)
        {
            return "not a fully qualified domain name: at least two labels expected";
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength)
            {
                return "not a domain name: each label must be 1-63 characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return "not a domain name: a label cannot start or end with a hyphen";
            }

            if (!label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            {
                return "not a domain name: labels hold only letters, digits, hyphens and underscores";
            }
        }

        var topLevel = labels[^1];
        if (topLevel.Contains('_', StringComparison.Ordinal) || topLevel.All(char.IsAsciiDigit))
        {
            return "not a domain name: the top-level label must not be numeric or hold underscores";
        }

        return null;
    }
}
