using System.Globalization;
using System.Diagnostics.CodeAnalysis;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// An addr-spec "local@domain": the domain as <see cref="DomainNormalizer"/> has it and the
/// local part as an RFC 5322 dot-atom, all lower case.
/// </summary>
/// <remarks>
/// RFC 5321 lets a server treat local parts case-sensitively, but the mail systems threat
/// actors use do not, and two spellings of one mailbox must dedup to one indicator.
/// Quoted local parts and non-ASCII local parts are refused: they do not occur in practice.
/// </remarks>
internal static class EmailNormalizer
{
    private const int MaxLocalLength = 64;
    private const int MaxLength = 254;
    private const string AtextSymbols = "!#$%&'*+/=?^_`{|}~-";

    public static bool TryNormalize(string input, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        var at = input.LastIndexOf('@');
        if (at <= 0 || at == input.Length - 1)
        {
            reason = "not an e-mail address: expected local@domain";
            return false;
        }

        var local = input[..at].ToLowerInvariant();
        if (!IsDotAtom(local))
        {
            reason = "not an e-mail address: the local part must be 1-64 characters of letters, digits, dots (not leading, trailing or doubled) and !#$%&'*+/=?^_`{|}~-";
            return false;
        }

        if (!DomainNormalizer.TryNormalize(input[(at + 1)..], out var domain, out var domainReason))
        {
            reason = "not an e-mail address: " + domainReason;
            return false;
        }

        var address = local + "@" + domain;
        if (address.Length > MaxLength)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"not an e-mail address: longer than {MaxLength} characters");
            return false;
        }

        value = address;
        reason = null;
        return true;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length is 0 or > MaxLocalLength || local[0] == '.' || local[^1] == '.'
            || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(c => char.IsAsciiLetterOrDigit(c) || c == '.' || AtextSymbols.Contains(c, StringComparison.Ordinal));
    }
}
