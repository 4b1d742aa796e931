using System.Globalization;

namespace CyberPledge.InteropServer.Shared;

/// <summary>
/// The interop programs' flags, in the <c>--name=value</c> form the interop test description uses.
/// Compiled into both the server and the client (linked), so both read flags the same way.
/// </summary>
internal sealed class CommandLineFlags
{
    private readonly Dictionary<string, string> _values;

    private CommandLineFlags(Dictionary<string, string> values, IReadOnlyList<string> unknown)
    {
        _values = values;
        Unknown = unknown;
    }

    /// <summary>Flags that were given but are not in the known set; the programs warn and go on, because
    /// the runners of other languages pass flags (credentials, service config) that do not apply here.</summary>
    public IReadOnlyList<string> Unknown { get; }

    /// <summary>Parses <c>--name=value</c> and bare <c>--name</c> (which means true).</summary>
    /// <exception cref="FormatException">An argument does not start with <c>--</c>.</exception>
    public static CommandLineFlags Parse(IEnumerable<string> args, IReadOnlySet<string> knownNames)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var unknown = new List<string>();
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new FormatException($"unexpected argument '{arg}': flags are --name=value");
            }
            var separator = arg.IndexOf('=', StringComparison.Ordinal);
            var name = separator < 0 ? arg[2..] : arg[2..separator];
            var value = separator < 0 ? "true" : arg[(separator + 1)..];
            if (knownNames.Contains(name))
            {
                values[name] = value;
            }
            else
            {
                unknown.Add(name);
            }
        }
        return new CommandLineFlags(values, unknown);
    }

    public string? GetString(string name) =>
        _values.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <exception cref="FormatException">The value is not an integer.</exception>
    public int? GetInt32(string name)
    {
        var value = GetString(name);
        if (value is null)
        {
            return null;
        }
        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"--{name}={value}: expected an integer");
    }

    /// <exception cref="FormatException">The value is neither true nor false.</exception>
    public bool GetBoolean(string name)
    {
        var value = GetString(name);
        if (value is null)
        {
            return false;
        }
        return bool.TryParse(value, out var flag)
            ? flag
            : throw new FormatException($"--{name}={value}: expected true or false");
    }
}
