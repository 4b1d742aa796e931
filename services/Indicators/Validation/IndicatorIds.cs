using System.Diagnostics.CodeAnalysis;

namespace CyberPledge.Indicators.Validation;

/// <summary>Indicator ids are UUIDs in lower-case "8-4-4-4-12" form.</summary>
internal static class IndicatorIds
{
    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? id)
    {
        if (Guid.TryParseExact(text, "D", out var guid))
        {
            id = guid.ToString("D");
            return true;
        }

        id = null;
        return false;
    }

    /// <summary>
    /// A time-ordered UUID (version 7, RFC 9562): new ids land at the end of the id indexes
    /// instead of on random pages, which keeps each commit's write-ahead log small.
    /// </summary>
    public static string New() => Guid.CreateVersion7().ToString("D");
}
