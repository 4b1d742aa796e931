namespace CyberPledge.Indicators.Validation;

/// <summary>
/// Undoes the usual "defanging" of network indicators in reports (hxxp://, example[.]com,
/// user[@]example.com) so a defanged and a live copy dedup to one indicator.
/// </summary>
internal static class Refang
{
    private static readonly (string Defanged, string Live)[] Replacements =
    [
        ("[.]", "."), ("(.)", "."), ("{.}", "."), ("[dot]", "."),
        ("[:]", ":"), ("[@]", "@"), ("[at]", "@"), ("[/]", "/"),
    ];

    public static string Apply(string value)
    {
        var result = value.Trim();
        if (result.IndexOfAny(['[', '(', '{']) >= 0)
        {
            foreach (var (defanged, live) in Replacements)
            {
                result = result.Replace(defanged, live, StringComparison.OrdinalIgnoreCase);
            }
        }

        if (result.StartsWith("hxxp", StringComparison.OrdinalIgnoreCase))
        {
            result = "http" + result[4..];
        }

        return result;
    }
}
