using System.Globalization;
using System.Text.RegularExpressions;

namespace CyberPledge.Cli.Files;

/// <summary>Durations as people write them: <c>90s</c>, <c>30m</c>, <c>1h</c>, <c>1d12h</c>.</summary>
internal static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || match.Length == 0)
        {
            return false;
        }
        long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = (((Part("d") * 24) + Part("h")) * 60 + Part("m")) * 60 + Part("s");
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?:(?<d>\d{1,5})d)?(?:(?<h>\d{1,6})h)?(?:(?<m>\d{1,8})m)?(?:(?<s>\d{1,10})s)?$")]
    private static partial Regex Pattern();
}
