using System.Globalization;
using CyberPledge.ServiceDefaults.CommandLine;

namespace CyberPledge.Benchmarks.Infrastructure;

/// <summary>
/// A benchmark's options, read by the project's one command-line parser: <c>--name VALUE</c> or <c>--name=VALUE</c>,
/// and an unknown option refused (<see cref="CommandLineException"/>) rather than ignored.
/// </summary>
public sealed class BenchmarkOptions
{
    private readonly IReadOnlyDictionary<string, string?> _values;

    /// <param name="args">The arguments after the benchmark's name.</param>
    /// <param name="names">The options this benchmark takes, without their dashes.</param>
    public BenchmarkOptions(string[] args, params string[] names)
    {
        var parser = new ServiceCommandLine(names.Select(name => new CommandLineSwitch("--" + name, name, "VALUE", name)), includeCommon: false);
        _values = parser.Parse(args);
    }

    public int Int(string name, int defaultValue) =>
        _values.TryGetValue(name, out var value) && value is not null ? int.Parse(value, CultureInfo.InvariantCulture) : defaultValue;

    public string String(string name, string defaultValue) => _values.TryGetValue(name, out var value) && value is not null ? value : defaultValue;
}
