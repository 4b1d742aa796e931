using CyberPledge.V1;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// What a foreign version meets on receipt (SECURITY.md rule 4): the inbound rules for its origin, which may refuse
/// it, and the warning lists, whose matches flag it. Runs outside the writer, before the version is applied. Imports
/// from elsewhere (TAXII, issue 12) are to be screened the same way.
/// </summary>
internal sealed class ForeignScreening(WarningCatalog catalog, InboundRules inbound)
{
    /// <summary>The built-in lists with the default thresholds and no inbound rules.</summary>
    public static ForeignScreening Default { get; } = Create(new IndicatorsOptions(), "");

    public WarningCatalog Catalog => catalog;

    /// <summary>The lists and rules <paramref name="options"/> configure; the settings were validated at start.</summary>
    public static ForeignScreening Create(IndicatorsOptions options, string dataDirectory)
    {
        var (lists, problems) = WarningListLoader.Load(options.WarningLists, dataDirectory);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Warning lists: " + string.Join("; ", problems), nameof(options));
        }

        return new ForeignScreening(new WarningCatalog(lists, options.WarningLists.ShortPrefixIpv4, options.WarningLists.ShortPrefixIpv6), new InboundRules(options.Inbound));
    }

    public ScreeningResult Screen(Indicator version)
    {
        var matches = new List<WarningMatch>();
        if (inbound.Apply(version, matches) is { } refusal)
        {
            return new ScreeningResult(refusal, []);
        }

        foreach (var entry in catalog.Match(version.Type, version.Value))
        {
            matches.Add(new WarningMatch { List = entry.List, Entry = entry.Entry });
        }

        return new ScreeningResult(null, matches);
    }
}

/// <summary>What <see cref="ForeignScreening.Screen"/> found.</summary>
/// <param name="Refusal">Why the inbound rules refuse the version; null when it may be applied.</param>
/// <param name="Matches">The lists' and rules' matches: the version is stored flagged when there are any.</param>
internal sealed record ScreeningResult(string? Refusal, IReadOnlyList<WarningMatch> Matches);
