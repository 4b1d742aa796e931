using Google.Protobuf;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CyberPledge.Cli.Output;

/// <summary>
/// A command's results: Spectre.Console tables for people, or with --json one protobuf JSON message per line for
/// scripts. Everything from a service goes through <see cref="TerminalText"/> before it reaches a table.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private const int RedirectedWidth = 200;

    private readonly CliSettings _settings;
    private IAnsiConsole? _console;

    public CliOutput(CliSettings settings, bool json)
    {
        _settings = settings;
        Json = json;
    }

    /// <summary>Whether --json was given: print messages, not tables.</summary>
    public bool Json { get; }

    /// <summary>One message as one line of protobuf JSON.</summary>
    public void Message(IMessage message) => _settings.Output.WriteLine(Formatter.Format(message));

    /// <summary>A line of plain text (already made safe by the caller where it holds text from elsewhere).</summary>
    public void Line(string text) => _settings.Output.WriteLine(text);

    /// <summary>A table, a tree or another Spectre.Console renderable.</summary>
    public void Write(IRenderable renderable) => Console.Write(renderable);

    /// <summary>A table with these column headers (plain words: escaped here).</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }
        return table;
    }

    /// <summary>Adds a row of cells, each text from anywhere: cleaned and escaped.</summary>
    public static void Row(Table table, params string?[] cells) => table.AddRow(cells.Select(TerminalText.Cell).ToArray());

    /// <summary>A two-column table of names and values, for one object.</summary>
    public static Table Details(IEnumerable<(string Name, string? Value)> rows)
    {
        var table = new Table().Border(TableBorder.None).HideHeaders();
        table.AddColumn(new TableColumn("field"));
        table.AddColumn(new TableColumn("value"));
        foreach (var (name, value) in rows)
        {
            if (!string.IsNullOrEmpty(value))
            {
                Row(table, name, value);
            }
        }
        return table;
    }

    private IAnsiConsole Console => _console ??= CreateConsole();

    private IAnsiConsole CreateConsole()
    {
        var redirected = !ReferenceEquals(_settings.Output, System.Console.Out) || System.Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(_settings.Output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = InteractionSupport.No,
        });
        if (_settings.Width is { } width)
        {
            console.Profile.Width = width;
        }
        else if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }
        return console;
    }
}
