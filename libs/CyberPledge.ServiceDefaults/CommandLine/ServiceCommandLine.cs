using System.Text;

namespace CyberPledge.ServiceDefaults.CommandLine;

/// <summary>
/// The one command-line parser of the project's programs: each switch in both forms (<c>--name VALUE</c> and
/// <c>--name=VALUE</c>), <c>--help</c>, and every unknown switch or stray argument refused rather than guessed at.
/// </summary>
public sealed class ServiceCommandLine
{
    /// <summary>Switches every service host understands.</summary>
    public static readonly IReadOnlyList<CommandLineSwitch> CommonSwitches =
    [
        new("--urls", "urls", "URL", "where to listen (default: the service's loopback address); http://127.0.0.1:0 picks a free port"),
        new("--environment", "environment", "NAME", "Production (default) or Development (enables the development issuer and clock switches)"),
        new("--otlp-endpoint", "Telemetry:OtlpEndpoint", "URL", "export metrics and traces over OTLP to this collector"),
    ];

    private readonly IReadOnlyList<CommandLineSwitch> _switches;

    /// <summary>A parser for <paramref name="switches"/>; <paramref name="includeCommon"/> adds <see cref="CommonSwitches"/>.</summary>
    public ServiceCommandLine(IEnumerable<CommandLineSwitch> switches, bool includeCommon = true)
    {
        ArgumentNullException.ThrowIfNull(switches);
        _switches = includeCommon ? [.. CommonSwitches, .. switches] : [.. switches];
    }

    /// <summary>The switches this parser knows, in the order <c>--help</c> lists them.</summary>
    public IReadOnlyList<CommandLineSwitch> Switches => _switches;

    /// <summary>True when <paramref name="args"/> asks for help (<c>--help</c>, <c>-h</c>, <c>-?</c>).</summary>
    public static bool IsHelpRequested(IEnumerable<string> args) =>
        args.Any(arg => arg is "--help" or "-h" or "-?");

    /// <summary>The configuration entries <paramref name="args"/> set; throws <see cref="CommandLineException"/> for anything else.</summary>
    public IReadOnlyDictionary<string, string?> Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new CommandLineException($"unexpected argument \"{arg}\" (see --help)");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var known = _switches.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
                ?? throw new CommandLineException($"unknown switch {name} (see --help)");
            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new CommandLineException($"{name} needs a value: {name} {known.ValueName}");
            }

            if (!values.TryAdd(known.ConfigurationKey, value))
            {
                throw new CommandLineException($"{name} is given twice");
            }
        }

        return values;
    }

    /// <summary>The text <c>--help</c> prints.</summary>
    public string Help(string program, string summary)
    {
        var text = new StringBuilder();
        text.Append(program).Append(": ").AppendLine(summary).AppendLine();
        text.Append("usage: ").Append(program).AppendLine(" [switches]").AppendLine();
        var width = _switches.Max(s => s.Name.Length + s.ValueName.Length + 1);
        foreach (var option in _switches)
        {
            text.Append("  ").Append($"{option.Name} {option.ValueName}".PadRight(width + 2)).AppendLine(option.Description);
        }

        text.Append("  ").Append("--help".PadRight(width + 2)).AppendLine("show this text");
        text.AppendLine().AppendLine("Each switch also takes the form --name=VALUE. Settings may also come from appsettings.json and");
        text.AppendLine("environment variables (Section__Key=value).");
        return text.ToString();
    }
}
