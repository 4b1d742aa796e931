using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests.Support;

/// <summary>Test data: complete versions to sign.</summary>
internal static class TestIndicators
{
    /// <summary>A complete, unsigned version from another origin, its sensitive digest not yet set.</summary>
    public static Indicator Foreign(ulong version = 1) => new()
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
        Origin = new Origin { Nation = "FR", NodeId = "paris" },
        Version = version,
        Distribution = new Distribution { MayReshare = true, HopLimit = 2 },
        Created = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)),
        Modified = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 2, 2, 0, 0, 0, TimeSpan.Zero).AddHours(version)),
    };
}
