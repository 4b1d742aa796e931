using CyberPledge.V1;

namespace CyberPledge.Indicators.Storage;

/// <summary>How a version's fields become the indexed columns of the <c>indicators</c> table.</summary>
internal static class IndicatorColumns
{
    public static long SectorMask(IEnumerable<Sector> sectors) => sectors.Aggregate(0L, (mask, s) => mask | SectorBit(s));

    public static long SectorBit(Sector sector) => 1L << (int)sector;

    /// <summary>What the "text" filter searches: value, description and tags, lower case.</summary>
    public static string SearchText(Indicator indicator) =>
        string.Join('\n', [indicator.Value, .. indicator.Tags, indicator.Description]).ToLowerInvariant();

    /// <summary>The LIKE pattern (escape character '\') for "search text contains <paramref name="text"/>", case-insensitively.</summary>
    public static string ContainsPattern(string text) =>
        "%" + text.ToLowerInvariant()
            .Replace(@"\", @"\\", StringComparison.Ordinal)
            .Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    /// <summary>The canonical encoding's number for the <c>versions.encoding</c> column: 1 or 2 (a v1 version carries no encoding field).</summary>
    public static int Encoding(Indicator version) => version.Encoding == CanonicalEncoding.V1 ? 1 : (int)version.Encoding;
}
