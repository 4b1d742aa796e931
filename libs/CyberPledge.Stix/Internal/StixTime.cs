using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Stix.Internal;

/// <summary>
/// STIX timestamps (STIX 2.1 §2.16): RFC 3339 in UTC with "Z", milliseconds always (created and modified must be
/// precise to the millisecond), microseconds when the time has them. Finer digits are cut: TAXII 2.1 and common
/// consumers work in microseconds; the provenance extension carries the exact signed bytes.
/// </summary>
internal static class StixTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static DateTimeOffset Truncate(Timestamp timestamp) => Truncate(timestamp.ToDateTimeOffset());

    public static DateTimeOffset Truncate(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    public static string Format(DateTimeOffset time)
    {
        var utc = Truncate(time);
        var format = utc.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }

    public static string Format(Timestamp timestamp) => Format(timestamp.ToDateTimeOffset());

    /// <summary>Reads a STIX timestamp; false for anything that is not RFC 3339 UTC with "Z".</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length < 20 || text[^1] != 'Z' || text[10] != 'T')
        {
            return false;
        }

        // Up to 7 fractional digits is what DateTimeOffset holds; STIX allows more, which are cut.
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var trimmed = text;
        if (dot >= 0)
        {
            var digits = text.Length - 1 - (dot + 1);
            if (digits == 0 || text.AsSpan(dot + 1, digits).ContainsAnyExceptInRange('0', '9'))
            {
                return false;
            }

            trimmed = digits > 7 ? string.Concat(text.AsSpan(0, dot + 8), "Z") : text;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];
        return DateTimeOffset.TryParseExact(trimmed, formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }
}
