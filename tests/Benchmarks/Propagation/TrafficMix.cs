using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// A realistic, seeded mix of submissions: every TLP level (RED and AMBER+STRICT included), types inside and outside
/// the partner agreement, one or two sectors, distributions that allow relaying to partners and some that forbid it,
/// and now and then an update of an earlier indicator (a new version).
/// </summary>
internal sealed class TrafficMix
{
    private static readonly IndicatorType[] Types =
    [
        IndicatorType.Ipv4, IndicatorType.Ipv4, IndicatorType.Domain, IndicatorType.Domain, IndicatorType.Url, IndicatorType.Sha256,
        IndicatorType.Md5, IndicatorType.Email, IndicatorType.Cve,
    ];

    private readonly Random _random;
    private readonly string _origin;
    private readonly List<IndicatorSubmission> _earlier = [];
    private int _next;

    public TrafficMix(string origin, int seed)
    {
        _origin = origin;
        _random = new Random(seed);
    }

    /// <summary>A batch of <paramref name="size"/> submissions with distinct values; about 5% update an earlier batch's.</summary>
    public List<IndicatorSubmission> NextBatch(int size)
    {
        var batch = new List<IndicatorSubmission>(size);
        var updated = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < size; i++)
        {
            if (_earlier.Count > 0 && _random.NextDouble() < 0.05)
            {
                var earlier = _earlier[_random.Next(_earlier.Count)];
                if (updated.Add(earlier.Value))
                {
                    var update = earlier.Clone();
                    update.Confidence = earlier.Confidence >= 99 ? 60u : earlier.Confidence + 1;
                    batch.Add(update);
                    continue;
                }
            }

            batch.Add(New());
        }

        foreach (var submission in batch)
        {
            // Keep a bounded pool of update candidates; an update replaces what it updated.
            if (_earlier.Count < 2000)
            {
                _earlier.Add(submission);
            }
            else
            {
                _earlier[_random.Next(_earlier.Count)] = submission;
            }
        }

        return batch;
    }

    private IndicatorSubmission New()
    {
        var n = _next++;
        var type = Types[_random.Next(Types.Length)];
        var submission = new IndicatorSubmission
        {
            Type = type,
            Value = Value(type, n),
            Tlp = PickTlp(),
            Confidence = (uint)_random.Next(50, 100),
            Severity = (Severity)_random.Next(1, 5),
            Description = "seen in a campaign against " + _origin + " operators",
            ReportingOrganisation = _origin + " national CERT",
            InternalNotes = "source: liaison report " + n.ToString(CultureInfo.InvariantCulture),
            Tags = { "benchmark" },
        };
        var first = (Sector)_random.Next(1, 9);
        var second = (Sector)_random.Next(1, 9);
        if (second != first && _random.NextDouble() < 0.3)
        {
            submission.Sectors.Add(first < second ? first : second);
            submission.Sectors.Add(first < second ? second : first);
        }
        else
        {
            submission.Sectors.Add(first);
        }
        if (submission.Tlp != Tlp.Red)
        {
            submission.Distribution = PickDistribution();
        }

        return submission;
    }

    private Tlp PickTlp() => _random.Next(100) switch
    {
        < 20 => Tlp.Clear,
        < 60 => Tlp.Green,
        < 85 => Tlp.Amber,
        < 93 => Tlp.AmberStrict,
        _ => Tlp.Red,
    };

    /// <summary>Half not re-shareable; the rest re-shareable with the defaults, to allies only, or up to GREEN over two hops.</summary>
    private Distribution? PickDistribution() => _random.Next(10) switch
    {
        < 5 => null,
        < 8 => new Distribution { MayReshare = true, HopLimit = 1 },
        < 9 => new Distribution { MayReshare = true, HopLimit = 1, RelayAudience = new RelayAudience { Tiers = { Tier.Ally } }, MaxRelayTlp = Tlp.Amber },
        _ => new Distribution { MayReshare = true, HopLimit = 2, RelayAudience = new RelayAudience { Tiers = { Tier.Ally, Tier.Partner } }, MaxRelayTlp = Tlp.Green },
    };

    private string Value(IndicatorType type, int n)
    {
        var origin = _origin.ToLowerInvariant();
        var seed = Encoding.ASCII.GetBytes(origin + n.ToString(CultureInfo.InvariantCulture));
        return type switch
        {
            IndicatorType.Ipv4 => Ipv4(n),
            IndicatorType.Domain => $"c2-{n}.{origin}-campaign.example",
            IndicatorType.Url => $"https://cdn-{n}.{origin}-campaign.example/payload/{n}.bin",
            IndicatorType.Sha256 => Convert.ToHexStringLower(SHA256.HashData(seed)),
            IndicatorType.Md5 => Convert.ToHexStringLower(MD5.HashData(seed)),
            IndicatorType.Email => $"invoice-{n}@{origin}-campaign.example",
            _ => string.Create(CultureInfo.InvariantCulture, $"CVE-2026-{100000 + n}"),
        };
    }

    /// <summary>A public-looking address unique to this origin and counter.</summary>
    private string Ipv4(int n)
    {
        var originByte = (_origin.Sum(c => c) % 150) + 50;
        return string.Create(CultureInfo.InvariantCulture, $"{originByte}.{(n >> 16) & 0xff}.{(n >> 8) & 0xff}.{n & 0xff}");
    }
}
