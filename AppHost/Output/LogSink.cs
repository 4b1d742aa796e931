using CyberPledge.AppHost.Processes;
using Spectre.Console;

namespace CyberPledge.AppHost.Output;

/// <summary>
/// Where the services' output goes: every line to its own file (logs/NLD-indicators.log), and to the terminal with a
/// coloured <c>NLD indicators │</c> prefix: printed at once in plain mode, or kept as the last lines under the live
/// status table.
/// </summary>
internal sealed class LogSink : IDisposable
{
    private const int RecentLines = 14;

    private static readonly Color[] Palette =
    [
        Color.Orange1, Color.DeepSkyBlue1, Color.SpringGreen2, Color.HotPink, Color.Gold1, Color.MediumPurple1, Color.Aqua,
        Color.LightSalmon1, Color.Chartreuse2, Color.Violet,
    ];

    private readonly Lock _lock = new();
    private readonly string _directory;
    private readonly Dictionary<string, StreamWriter> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Color> _colours = new(StringComparer.Ordinal);
    private readonly Queue<string> _recent = new();

    public LogSink(string directory, IEnumerable<string> nations)
    {
        _directory = directory;
        var index = 0;
        foreach (var nation in nations)
        {
            _colours[nation] = Palette[index++ % Palette.Length];
        }
    }

    /// <summary>Whether lines go to the terminal as they come (plain mode) rather than under the live table.</summary>
    public bool Immediate { get; set; } = true;

    /// <summary>The last lines, as markup, for the live view.</summary>
    public IReadOnlyList<string> Recent()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    /// <summary>A line the service wrote.</summary>
    public void Line(ServiceLaunch launch, string text, bool error)
    {
        var file = File(launch);
        lock (_lock)
        {
            file.WriteLine(text);
        }
        Show(launch.Nation, launch.Kind.Name(), TerminalText.Clean(text), error);
    }

    /// <summary>What AppHost says about a service (started again, killed): in its log file too.</summary>
    public void Supervisor(ServiceLaunch launch, string text, bool error)
    {
        var file = File(launch);
        lock (_lock)
        {
            file.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} apphost: {text}");
        }
        Show(launch.Nation, launch.Kind.Name(), "apphost: " + TerminalText.Clean(text), error);
    }

    /// <summary>AppHost's own progress.</summary>
    public void Note(string text, bool error = false) => Show(null, "apphost", TerminalText.Clean(text), error);

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var file in _files.Values)
            {
                file.Dispose();
            }
            _files.Clear();
        }
    }

    // Plain text when the output is not a terminal (a file, a test reading it): no colours, no wrapping at 80 columns.
    private void Show(string? nation, string source, string text, bool error)
    {
        lock (_lock)
        {
            if (Immediate && Console.IsOutputRedirected)
            {
                Console.Out.WriteLine($"{(nation is null ? "" : nation + " ")}{source,-10} | {text}");
                return;
            }
            var colour = nation is null ? "bold" : _colours.GetValueOrDefault(nation, Color.White).ToMarkup();
            var line = $"[{colour}]{(nation is null ? "" : nation + " ")}{Markup.Escape(source),-10}[/] {(error ? "[red]│[/]" : "[grey]│[/]")} {Markup.Escape(text)}";
            if (Immediate)
            {
                AnsiConsole.MarkupLine(line);
                return;
            }
            _recent.Enqueue(line);
            while (_recent.Count > RecentLines)
            {
                _recent.Dequeue();
            }
        }
    }

    private StreamWriter File(ServiceLaunch launch)
    {
        var name = $"{launch.Nation}-{launch.Kind.Name()}";
        lock (_lock)
        {
            if (!_files.TryGetValue(name, out var writer))
            {
                writer = new StreamWriter(Path.Combine(_directory, name + ".log"), append: true) { AutoFlush = true };
                _files[name] = writer;
            }
            return writer;
        }
    }
}
