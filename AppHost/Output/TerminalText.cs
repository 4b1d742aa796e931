using System.Text;
using Spectre.Console;

namespace CyberPledge.AppHost.Output;

/// <summary>
/// Text from the services (their logs may quote indicator values, peers' errors) made safe for the terminal
/// (SECURITY.md rule 9): control and bidirectional control characters become U+FFFD, then markup is escaped. The
/// command line has its own copy (tools/CyberPledge.Cli/Output/TerminalText.cs), which AppHost cannot reference.
/// </summary>
internal static class TerminalText
{
    public static string Markup(string text) => Spectre.Console.Markup.Escape(Clean(text));

    public static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
            {
                cleaned ??= new StringBuilder(text, 0, i, text.Length);
                cleaned.Append('\uFFFD');
            }
            else
            {
                cleaned?.Append(c);
            }
        }
        return cleaned?.ToString() ?? text;
    }
}
