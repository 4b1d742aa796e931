using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Stix.Tests.Support;

/// <summary>Indicator versions of every type, in their normal forms, signed with a throw-away node key.</summary>
internal sealed class SampleVersions : IDisposable
{
    public static readonly (IndicatorType Type, string Value, string Pattern)[] Values =
    [
        (IndicatorType.Ipv4, "198.51.100.7", "[ipv4-addr:value = '198.51.100.7']"),
        (IndicatorType.Ipv6, "2001:db8::1", "[ipv6-addr:value = '2001:db8::1']"),
        (IndicatorType.Cidr, "203.0.113.0/24", "[ipv4-addr:value = '203.0.113.0/24']"),
        (IndicatorType.Cidr, "2001:db8::/32", "[ipv6-addr:value = '2001:db8::/32']"),
        (IndicatorType.Domain, "evil.example", "[domain-name:value = 'evil.example']"),
        (IndicatorType.Url, "https://evil.example/a'b\\c", "[url:value = 'https://evil.example/a\\'b\\\\c']"),
        (IndicatorType.Email, "phish@evil.example", "[email-addr:value = 'phish@evil.example']"),
        (IndicatorType.Md5, new string('a', 32), $"[file:hashes.'MD5' = '{new string('a', 32)}']"),
        (IndicatorType.Sha1, new string('b', 40), $"[file:hashes.'SHA-1' = '{new string('b', 40)}']"),
        (IndicatorType.Sha256, new string('c', 64), $"[file:hashes.'SHA-256' = '{new string('c', 64)}']"),
        (IndicatorType.Asn, "AS64500", "[autonomous-system:number = 64500]"),
        (IndicatorType.Cve, "CVE-2021-44228", "[vulnerability:name = 'CVE-2021-44228']"),
    ];

    private readonly TemporaryDirectory _directory = new();

    public SampleVersions() => Key = NodeSigningKey.LoadOrCreate(_directory.Path);

    public NodeSigningKey Key { get; }

    /// <summary>A complete, committed (encoding v2), signed version.</summary>
    public Indicator Signed(IndicatorType type, string value, ulong version = 1, Tlp tlp = Tlp.Amber)
    {
        var indicator = Unsigned(type, value, version, tlp);
        IndicatorRedaction.Commit(indicator);
        Key.Sign(indicator);
        return indicator;
    }

    /// <summary>Versions 1..count of one indicator, each signed.</summary>
    public Indicator[] History(IndicatorType type, string value, int count) =>
        [.. Enumerable.Range(1, count).Select(v => Signed(type, value, (ulong)v))];

    public static Indicator Unsigned(IndicatorType type, string value, ulong version = 1, Tlp tlp = Tlp.Amber)
    {
        var created = new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        return new Indicator
        {
            Id = "0f1e2d3c-4b5a-4978-8877-665544332211",
            Type = type,
            Value = value,
            Tlp = tlp,
            Confidence = 80,
            Severity = Severity.High,
            Sectors = { Sector.Energy, Sector.Water },
            Tags = { "botnet", "c2" },
            KillChainPhases = { new KillChainPhase { KillChainName = "lockheed-martin-cyber-kill-chain", PhaseName = "command-and-control" } },
            ValidFrom = Timestamp.FromDateTimeOffset(created),
            ValidUntil = Timestamp.FromDateTimeOffset(created.AddDays(30)),
            Description = "seen in \"campaign\" <7>",
            Sensitive = new SensitiveFields { ReportingOrganisation = "CERT-FR", InternalNotes = "case 12" },
            Origin = new Origin { Nation = "FRA", NodeId = "paris" },
            Version = version,
            Distribution = new Distribution { MayReshare = true, HopLimit = 2 },
            Created = Timestamp.FromDateTimeOffset(created),
            Modified = Timestamp.FromDateTimeOffset(created.AddHours(version - 1).AddTicks((long)version)),
        };
    }

    public void Dispose()
    {
        Key.Dispose();
        _directory.Dispose();
    }
}
