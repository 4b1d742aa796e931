using System.Globalization;
using CyberPledge.Cli.Protos;
using CyberPledge.V1;
using Duration = Google.Protobuf.WellKnownTypes.Duration;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace CyberPledge.Cli.Output;

/// <summary>How protobuf values read in a table: "TLP:AMBER+STRICT", "ipv4", "2026-12-02 07:00:00Z", "1d 2h".</summary>
internal static class Display
{
    public static string Tlp(Tlp tlp) => tlp == V1.Tlp.Unspecified ? "" : "TLP:" + ProtoEnums.ShortName(tlp).ToUpperInvariant().Replace('_', '+');

    public static string Name<T>(T value) where T : struct, Enum => ProtoEnums.ShortName(value);

    public static string Names<T>(IEnumerable<T> values) where T : struct, Enum => string.Join(", ", values.Select(ProtoEnums.ShortName));

    public static string Time(Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Duration(Duration? duration)
    {
        if (duration is null)
        {
            return "";
        }
        var span = duration.ToTimeSpan();
        if (span == TimeSpan.Zero)
        {
            return "none";
        }
        var parts = new List<string>();
        if (span.Days > 0)
        {
            parts.Add($"{span.Days}d");
        }
        if (span.Hours > 0)
        {
            parts.Add($"{span.Hours}h");
        }
        if (span.Minutes > 0)
        {
            parts.Add($"{span.Minutes}m");
        }
        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add($"{span.Seconds}s");
        }
        return string.Join(' ', parts);
    }

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Hex(Google.Protobuf.ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
