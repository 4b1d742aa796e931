using System.Text;
using Spectre.Console;

namespace CyberPledge.Cli.Output;

/// <summary>
/// Text from elsewhere made safe for a terminal (SECURITY.md rule 9): control characters, which could move the cursor
/// or rewrite the screen, and bidirectional overrides, which could make a value read as another, become U+FFFD.
/// </summary>
internal static class TerminalText
{
    private const char Replacement = '\uFFFD';

    /// <summary>The text with unsafe characters replaced; line breaks and tabs become spaces (one value, one line).</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var safe = c is '\n' or '\r' or '\t' ? ' ' : IsUnsafe(c) ? Replacement : c;
            if (safe != c)
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
            }
            builder?.Append(safe);
        }
        return builder?.ToString() ?? text;
    }

    /// <summary>Cleaned and escaped for Spectre.Console markup (a table cell).</summary>
    public static string Cell(string? text) => Markup.Escape(Clean(text));

    private static bool IsUnsafe(char c) =>
        char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';
}
