using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Testing;

/// <summary>Test data: complete versions from another origin, as a peer would send them before signing.</summary>
public static class ForeignVersions
{
    /// <summary>A complete, unsigned version from <paramref name="nation"/>/<paramref name="node"/>, its sensitive digest not yet set.</summary>
    public static Indicator Unsigned(string nation = "FR", string node = "paris", ulong version = 1) => new()
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
