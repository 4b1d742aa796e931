using System.Globalization;

namespace CyberPledge.Stix.Internal.Patterns;

/// <summary>The values of the grammar's literal tokens.</summary>
internal static class Literals
{
    /// <summary>TimestampLiteral's body: YYYY-MM-DDTHH:MM:SS, "60" seconds allowed, optional fraction, then Z.</summary>
    public static bool IsTimestamp(string s)
    {
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[^1] != 'Z'
            || !Digits(s, 0, 4) || !Digits(s, 5, 2) || !Digits(s, 8, 2) || !Digits(s, 11, 2) || !Digits(s, 14, 2) || !Digits(s, 17, 2))
        {
            return false;
        }

        int month = Two(s, 5), day = Two(s, 8), hour = Two(s, 11), minute = Two(s, 14), second = Two(s, 17);
        if (month is < 1 or > 12 || day is < 1 or > 31 || hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        var rest = s[19..^1];
        return rest.Length == 0 || (rest.Length > 1 && rest[0] == '.' && rest[1..].All(char.IsAsciiDigit));
    }

    /// <summary>The time of a valid timestamp body; false for a date that does not exist (February 30).</summary>
    public static bool TryTime(string s, out DateTimeOffset time)
    {
        time = default;
        var fraction = s.Length > 20 ? s[20..^1] : "";
        var ticks = fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);
        // A leap second (":60", which the grammar allows) is the first instant after ":59".
        var leap = s[17..19] == "60";
        var text = s[..17] + (leap ? "59" : s[17..19]) + "Z";
        if (!DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var whole))
        {
            return false;
        }

        time = whole.AddSeconds(leap ? 1 : 0).AddTicks(ticks);
        return true;
    }

    private static bool Digits(string s, int start, int count) => s.AsSpan(start, count).ContainsAnyExceptInRange('0', '9') is false;

    private static int Two(string s, int start) => ((s[start] - '0') * 10) + (s[start + 1] - '0');
}
