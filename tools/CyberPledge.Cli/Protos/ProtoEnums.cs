using System.Collections.Frozen;
using System.Reflection;
using Google.Protobuf.Reflection;

namespace CyberPledge.Cli.Protos;

/// <summary>
/// Protobuf enums as people write and read them: "amber+strict", "TLP:AMBER+STRICT", "ipv4", "reporting-organisation"
/// for TLP_AMBER_STRICT, INDICATOR_TYPE_IPV4, REDACTABLE_FIELD_REPORTING_ORGANISATION; the proto names work as well.
/// </summary>
internal static class ProtoEnums
{
    /// <summary>The value named by <paramref name="text"/>; never the UNSPECIFIED one.</summary>
    /// <exception cref="FormatException">No such value (the message lists the accepted ones).</exception>
    public static T Parse<T>(string text, string what) where T : struct, Enum
    {
        var names = Names<T>.ByShortName;
        var key = Normalize(text, Names<T>.Prefix);
        if (names.TryGetValue(key, out var value))
        {
            return value;
        }
        throw new FormatException($"{what}: unknown value '{text}' (one of: {string.Join(", ", Names<T>.Ordered.Select(ShortName))})");
    }

    /// <summary>The proto name without its prefix, e.g. "TLP_AMBER_STRICT" for use in protobuf JSON.</summary>
    public static string ProtoName<T>(T value) where T : struct, Enum =>
        Names<T>.ProtoNames.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Lower case without the prefix: "amber_strict", "ipv4", "active"; "" for UNSPECIFIED.</summary>
    public static string ShortName<T>(T value) where T : struct, Enum
    {
        var name = ProtoName(value);
        var prefix = Names<T>.Prefix;
        var bare = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
        return bare == "UNSPECIFIED" ? "" : bare.ToLowerInvariant();
    }

    /// <summary>The proto name <paramref name="text"/> stands for (as <see cref="Parse{T}"/> reads it), or null: for protobuf JSON.</summary>
    public static string? TryProtoName<T>(string text) where T : struct, Enum =>
        Names<T>.ByShortName.TryGetValue(Normalize(text, Names<T>.Prefix), out var value) ? Names<T>.ProtoNames[value] : null;

    private static string Normalize(string text, string prefix)
    {
        var key = text.Trim().ToUpperInvariant().Replace('+', '_').Replace('-', '_').Replace(' ', '_');
        if (key.StartsWith("TLP:", StringComparison.Ordinal))
        {
            key = key[4..];
        }
        return key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : key;
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ProtoNames = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, f => f.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? f.Name);

        // The UNSPECIFIED value's name minus "UNSPECIFIED": TLP_, INDICATOR_TYPE_, AGREEMENT_STATUS_.
        public static string Prefix { get; } = ProtoNames.Values.Single(n => n.EndsWith("UNSPECIFIED", StringComparison.Ordinal))[..^"UNSPECIFIED".Length];

        public static readonly T[] Ordered = ProtoNames.Keys.Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0).Order().ToArray();

        public static readonly FrozenDictionary<string, T> ByShortName = Ordered.ToFrozenDictionary(v => ProtoNames[v][Prefix.Length..], v => v);
    }
}
