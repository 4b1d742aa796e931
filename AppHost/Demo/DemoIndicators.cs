using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.AppHost.Demo;

/// <summary>
/// Made-up but plausible indicators: every type, values from documentation ranges and reserved names (RFC 5737,
/// RFC 3849, RFC 2606, AS 64496-64511) so none points at a real system, across the sectors and TLP levels, with
/// campaigns' tags, descriptions, reporting organisations and internal notes for the partner's redactions to remove.
/// </summary>
internal static class DemoIndicators
{
    private static readonly string[] Campaigns = ["apt-coldriver", "sandstorm", "volt-wind", "ransom-hydra", "phish-gala", "wiper-ember"];
    private static readonly (Tlp Tlp, int Weight)[] TlpWeights =
        [(Tlp.Clear, 15), (Tlp.Green, 45), (Tlp.Amber, 28), (Tlp.AmberStrict, 6), (Tlp.Red, 6)];
    private static readonly IndicatorType[] Types = [.. Enum.GetValues<IndicatorType>().Where(t => t != IndicatorType.Unspecified)];
    private static readonly Sector[] Sectors = [.. Enum.GetValues<Sector>().Where(s => s != Sector.Unspecified)];
    private static readonly Severity[] Severities = [Severity.Low, Severity.Medium, Severity.High, Severity.Critical];

    /// <summary>A new indicator of <paramref name="nation"/>'s analysts; <paramref name="serial"/> keeps values apart.</summary>
    public static IndicatorSubmission Next(Random random, string nation, int serial)
    {
        var type = Types[random.Next(Types.Length)];
        var campaign = Campaigns[random.Next(Campaigns.Length)];
        var submission = new IndicatorSubmission
        {
            Type = type,
            Value = Value(random, type, nation, serial),
            Tlp = PickTlp(random),
            Confidence = (uint)random.Next(40, 96),
            Severity = Severities[random.Next(Severities.Length)],
            Description = $"{campaign}: seen by {nation} sensors ({Describe(type)})",
            ReportingOrganisation = $"CSIRT {nation} analyst desk {random.Next(1, 6)}",
            InternalNotes = $"source ticket {nation}-{serial:D5}; do not attribute publicly",
        };
        submission.Sectors.Add(Sectors[random.Next(Sectors.Length)]);
        if (random.Next(3) == 0)
        {
            submission.Sectors.Add(Sectors[random.Next(Sectors.Length)]);
        }
        submission.Tags.Add(campaign);
        if (random.Next(2) == 0)
        {
            submission.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = random.Next(2) == 0 ? "command-and-control" : "initial-access" });
        }
        if (random.Next(2) == 0 && submission.Tlp is Tlp.Clear or Tlp.Green or Tlp.Amber)
        {
            submission.Distribution = new Distribution { MayReshare = true, HopLimit = 2 };
        }
        return submission;
    }

    private static string Value(Random random, IndicatorType type, string nation, int serial)
    {
        var n = serial % 250 + 1;
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{nation}/{serial}/{random.Next()}")));
        var host = $"{nation.ToLowerInvariant()}-{serial}";
        return type switch
        {
            IndicatorType.Ipv4 => $"{(random.Next(2) == 0 ? "198.51.100" : "203.0.113")}.{n}",
            IndicatorType.Ipv6 => $"2001:db8:{serial % 65535:x}::{n:x}",
            IndicatorType.Cidr => $"198.51.100.{n & 0xF0}/28",
            IndicatorType.Domain => $"c2.{host}.example",
            IndicatorType.Url => $"http://dl.{host}.example/payload-{n}.bin",
            IndicatorType.Email => $"invoice-{serial}@{host}.example",
            IndicatorType.Md5 => hex[..32],
            IndicatorType.Sha1 => hex[..40],
            IndicatorType.Sha256 => hex,
            IndicatorType.Cve => string.Create(CultureInfo.InvariantCulture, $"CVE-2026-{10000 + serial}"),
            IndicatorType.Asn => string.Create(CultureInfo.InvariantCulture, $"AS{64496 + serial % 16}"),
            _ => throw new ArgumentOutOfRangeException(nameof(type)),
        };
    }

    private static Tlp PickTlp(Random random)
    {
        var roll = random.Next(TlpWeights.Sum(w => w.Weight));
        foreach (var (tlp, weight) in TlpWeights)
        {
            if (roll < weight)
            {
                return tlp;
            }
            roll -= weight;
        }
        return Tlp.Green;
    }

    private static string Describe(IndicatorType type) => type switch
    {
        IndicatorType.Ipv4 or IndicatorType.Ipv6 or IndicatorType.Cidr => "scanning and C2 traffic",
        IndicatorType.Domain or IndicatorType.Url => "malware download and C2",
        IndicatorType.Email => "phishing sender",
        IndicatorType.Md5 or IndicatorType.Sha1 or IndicatorType.Sha256 => "dropper sample",
        IndicatorType.Cve => "exploited in the wild",
        _ => "hosting infrastructure",
    };
}
