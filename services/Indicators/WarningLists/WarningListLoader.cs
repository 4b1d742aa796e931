using System.Globalization;
using System.Text.Json;
using CyberPledge.Indicators.Validation;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// Reads the warning lists a node applies: the built-in ones (embedded <c>WarningLists/Data/*.json</c>), then the
/// operator's (the directory's <c>*.json</c> files in name order, <see cref="WarningListsOptions.Files"/>,
/// <see cref="WarningListsOptions.Lists"/>), less the disabled ones. Every entry is normalized as Submit would
/// normalize it for the list's kind; each problem names the list, the entry and why.
/// </summary>
internal static class WarningListLoader
{
    private const string ResourcePrefix = "warning-lists/";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The lists, checked and normalized, or the problems found (then the lists are not to be used).</summary>
    public static (IReadOnlyList<WarningListDefinition> Lists, IReadOnlyList<string> Problems) Load(WarningListsOptions options, string dataDirectory)
    {
        var problems = new List<string>();
        var sources = new List<(string Where, WarningListDefinition? List)>();
        sources.AddRange(BuiltIn());
        var directory = options.Directory.Length > 0 ? Path.GetFullPath(options.Directory)
            : dataDirectory.Length > 0 ? Path.Combine(dataDirectory, WarningListsOptions.DefaultDirectoryName) : null;
        var files = directory is not null && System.IO.Directory.Exists(directory)
            ? System.IO.Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList()
            : [];
        files.AddRange(options.Files.Select(Path.GetFullPath));
        foreach (var file in files)
        {
            sources.Add((file, ReadFile(file, problems)));
        }

        sources.AddRange(options.Lists.Select((list, i) => (string.Create(CultureInfo.InvariantCulture, $"{IndicatorsOptions.SectionName}:WarningLists:Lists:{i}"), (WarningListDefinition?)list)));
        var disabled = options.Disabled.ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lists = new List<WarningListDefinition>();
        foreach (var (where, list) in sources)
        {
            if (list is null || disabled.Contains(list.Name))
            {
                continue;
            }

            if (Check(list, where, problems) is { } normalized)
            {
                if (!names.Add(normalized.Name))
                {
                    problems.Add($"{where}: another list is named \"{normalized.Name}\" (disable one in {IndicatorsOptions.SectionName}:WarningLists:Disabled)");
                    continue;
                }

                lists.Add(normalized);
            }
        }

        return (lists, problems);
    }

    private static IEnumerable<(string Where, WarningListDefinition? List)> BuiltIn()
    {
        var assembly = typeof(WarningListLoader).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            yield return ("built-in " + name, JsonSerializer.Deserialize<WarningListDefinition>(stream, Json));
        }
    }

    private static WarningListDefinition? ReadFile(string file, List<string> problems)
    {
        try
        {
            using var stream = File.OpenRead(file);
            return JsonSerializer.Deserialize<WarningListDefinition>(stream, Json)
                ?? throw new JsonException("empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            problems.Add($"{file}: cannot be read as a warning list ({e.Message})");
            return null;
        }
    }

    private static WarningListDefinition? Check(WarningListDefinition list, string where, List<string> problems)
    {
        var count = problems.Count;
        if (list.Name.Length is 0 or > 64 || !list.Name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            problems.Add($"{where}: name \"{list.Name}\" is not 1-64 lower-case letters, digits and hyphens");
        }

        if (list.Name == WarningCatalog.ShortPrefixList)
        {
            problems.Add($"{where}: the name \"{list.Name}\" is the node's own (the short-prefix threshold is a setting)");
        }

        if (list.Kind is not (WarningListDefinition.ExactIpKind or WarningListDefinition.CidrKind or WarningListDefinition.DomainSuffixKind or WarningListDefinition.HostnameKind))
        {
            problems.Add($"{where}: kind \"{list.Kind}\" is none of {WarningListDefinition.ExactIpKind}, {WarningListDefinition.CidrKind}, "
                + $"{WarningListDefinition.DomainSuffixKind}, {WarningListDefinition.HostnameKind}");
            return null;
        }

        var entries = new List<string>(list.Entries.Count);
        for (var i = 0; i < list.Entries.Count; i++)
        {
            if (Normalize(list.Kind, list.Entries[i] ?? "", out var value, out var reason))
            {
                entries.Add(value);
            }
            else
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: entries[{i}] \"{list.Entries[i]}\": {reason}"));
            }

            if (problems.Count - count >= 10)
            {
                break;
            }
        }

        return problems.Count > count ? null : new WarningListDefinition
        {
            Name = list.Name, Description = list.Description, Source = list.Source, Kind = list.Kind, Entries = entries,
        };
    }

    private static bool Normalize(string kind, string entry, out string value, out string reason)
    {
        string? normalized;
        string? why;
        var ok = kind switch
        {
            WarningListDefinition.ExactIpKind => Ipv4Normalizer.TryNormalize(entry, out normalized, out why) || Ipv6Normalizer.TryNormalize(entry, out normalized, out why),
            WarningListDefinition.CidrKind => entry.Contains('/', StringComparison.Ordinal)
                ? CidrNormalizer.TryNormalize(entry, out normalized, out why)
                : Ipv4Normalizer.TryNormalize(entry, out normalized, out why) || Ipv6Normalizer.TryNormalize(entry, out normalized, out why),
            WarningListDefinition.DomainSuffixKind or WarningListDefinition.HostnameKind => DomainNormalizer.TryNormalize(entry, out normalized, out why),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "checked before"),
        };
        value = normalized ?? "";
        reason = why ?? "";
        return ok;
    }
}
