using System.Globalization;

namespace CyberPledge.Benchmarks.Infrastructure;

/// <summary>--name=value options of a benchmark, with defaults.</summary>
public sealed class BenchmarkOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public BenchmarkOptions(string[] args)
    {
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.IndexOf('=', StringComparison.Ordinal) < 0)
            {
                throw new ArgumentException($"Expected --name=value, got '{arg}'.");
            }
            var split = arg.IndexOf('=', StringComparison.Ordinal);
            _values[arg[2..split]] = arg[(split + 1)..];
        }
    }

    public int Int(string name, int defaultValue) =>
        _values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : defaultValue;

    public string String(string name, string defaultValue) => _values.GetValueOrDefault(name, defaultValue);
}
