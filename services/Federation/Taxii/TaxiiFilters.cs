using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Federation.Taxii;

/// <summary>Which versions of an object <c>match[version]</c> asks for (specification section 3.4.1).</summary>
internal sealed record VersionMatch(bool Last, bool First, bool All, IReadOnlySet<DateTimeOffset> Exact)
{
    public static readonly VersionMatch Default = new(true, false, false, new HashSet<DateTimeOffset>());
}

/// <summary>
/// A list request's filters (specification section 3.4), read strictly: a malformed or repeated parameter is a 400.
/// <see cref="Digest"/> binds them into a <c>next</c> token, so a page asked with other filters is refused.
/// </summary>
internal sealed record TaxiiFilters(
    string Endpoint,
    DateTimeOffset? AddedAfter,
    int Limit,
    string? Next,
    IReadOnlySet<string>? Ids,
    IReadOnlySet<string>? Types,
    VersionMatch Versions,
    bool SpecVersionMatches)
{
    /// <summary>The most objects one page holds, whatever the client asks.</summary>
    public const int MaxLimit = 1000;

    public static TaxiiFilters Parse(IQueryCollection query, string endpoint, bool idAndType, bool version)
    {
        DateTimeOffset? addedAfter = null;
        if (Single(query, "added_after") is { } after)
        {
            addedAfter = TaxiiMedia.TryParse(after, out var time) ? time : throw TaxiiError.BadRequest("added_after: not a timestamp");
        }

        var limit = MaxLimit;
        if (Single(query, "limit") is { } text)
        {
            limit = int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked) && asked > 0
                ? Math.Min(asked, MaxLimit)
                : throw TaxiiError.BadRequest("limit: not a positive integer");
        }

        var ids = idAndType ? List(query, "match[id]") : null;
        var types = idAndType ? List(query, "match[type]") : null;
        var versions = version && List(query, "match[version]") is { } values ? ParseVersions(values) : VersionMatch.Default;
        var specVersions = List(query, "match[spec_version]");
        if (specVersions is not null && specVersions.Any(v => v.Length < 3 || !v.Contains('.', StringComparison.Ordinal) || !v.All(c => char.IsAsciiDigit(c) || c == '.')))
        {
            throw TaxiiError.BadRequest("match[spec_version]: not a list of versions such as 2.1");
        }

        return new TaxiiFilters(endpoint, addedAfter, limit, Single(query, "next"), ids, types, versions, specVersions is null || specVersions.Contains("2.1"));
    }

    /// <summary>What a <c>next</c> token binds: every filter but <c>limit</c> and <c>next</c>, and the endpoint.</summary>
    public byte[] Digest()
    {
        var text = new StringBuilder(Endpoint).Append('\n')
            .Append(AddedAfter is { } after ? TaxiiMedia.Format(after) : "-").Append('\n')
            .Append(Join(Ids)).Append('\n').Append(Join(Types)).Append('\n')
            .Append(Versions.Last).Append(Versions.First).Append(Versions.All).Append(Join(Versions.Exact.Select(TaxiiMedia.Format).ToHashSet())).Append('\n')
            .Append(SpecVersionMatches);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..16];
    }

    private static string Join(IReadOnlySet<string>? values) => values is null ? "-" : string.Join(',', values.Order(StringComparer.Ordinal));

    private static VersionMatch ParseVersions(IReadOnlySet<string> values)
    {
        var exact = new HashSet<DateTimeOffset>();
        bool last = false, first = false, all = false;
        foreach (var value in values)
        {
            switch (value)
            {
                case "last": last = true; break;
                case "first": first = true; break;
                case "all": all = true; break;
                default:
                    exact.Add(TaxiiMedia.TryParse(value, out var time) ? time : throw TaxiiError.BadRequest("match[version]: not last, first, all or a timestamp"));
                    break;
            }
        }

        return all && values.Count > 1 ? throw TaxiiError.BadRequest("match[version]: all goes with no other value") : new VersionMatch(last, first, all, exact);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values)
            ? values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : throw TaxiiError.BadRequest($"{name}: given more than once or empty")
            : null;

    /// <summary>A comma-separated list (no spaces); each value at most once (the specification forbids duplicates).</summary>
    private static HashSet<string>? List(IQueryCollection query, string name)
    {
        if (Single(query, name) is not { } text)
        {
            return null;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in text.Split(','))
        {
            if (value.Length == 0 || value.Contains(' ', StringComparison.Ordinal) || !set.Add(value))
            {
                throw TaxiiError.BadRequest($"{name}: an empty, spaced or repeated value");
            }
        }

        return set;
    }
}
