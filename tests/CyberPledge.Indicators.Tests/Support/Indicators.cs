using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Support;

/// <summary>Test data: submissions and complete versions.</summary>
internal static class TestIndicators
{
    public static IndicatorSubmission Domain(string value, Tlp tlp = Tlp.Green) => new()
    {
        Type = IndicatorType.Domain,
        Value = value,
        Tlp = tlp,
        Confidence = 70,
        Severity = Severity.Medium,
        Description = "seen in phishing",
        ReportingOrganisation = "CERT-XX",
        InternalNotes = "source: honeypot 4",
    };

    public static IndicatorSubmission Ipv4(int n) => new()
    {
        Type = IndicatorType.Ipv4,
        Value = $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}",
        Tlp = Tlp.Amber,
        Confidence = 50,
    };

    /// <summary>A complete, unsigned version from another origin.</summary>
    public static Indicator Foreign(string nation = "FR", string node = "paris", ulong version = 1) => new()
    {
        Id = "4d2d7b9e-8e55-4a59-9b7c-2f0b6f1f3c10",
        Type = IndicatorType.Sha256,
        Value = new string('a', 64),
        Tlp = Tlp.Green,
        Confidence = 90,
        Severity = Severity.Critical,
        Sectors = { Sector.Energy, Sector.Healthcare },
        Tags = { "ransomware" },
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
        Description = "loader",
        Sensitive = new SensitiveFields { Salt = ByteString.CopyFrom(new byte[16]), ReportingOrganisation = "ANSSI", InternalNotes = "case 7" },
        Origin = new Origin { Nation = nation, NodeId = node },
        Version = version,
        Distribution = new Distribution { MayReshare = true, HopLimit = 2 },
        Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
        Modified = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero).AddHours(version)),
    };
}
