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

    public static string New() => Guid.NewGuid().ToString("D");
}
