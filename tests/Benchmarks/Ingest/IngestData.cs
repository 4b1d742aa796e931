using System.Security.Cryptography;
using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Ingest;

/// <summary>
/// The submitted indicators, built before the clock starts: a realistic mix of types whose
/// values are spread over the index (hashes, addresses, domains), with sectors, tags and a
/// description, every one distinct.
/// </summary>
internal static class IngestData
{
    private static readonly Sector[] Sectors = [Sector.Energy, Sector.Transport, Sector.Communications, Sector.Water, Sector.Healthcare, Sector.Finance, Sector.Government, Sector.Defence];
    private static readonly Tlp[] Tlps = [Tlp.Clear, Tlp.Green, Tlp.Amber, Tlp.AmberStrict, Tlp.Red];

    public static SubmitRequest[] Batches(int count, int batchSize) =>
        Enumerable.Range(0, (count + batchSize - 1) / batchSize)
            .Select(b => new SubmitRequest
            {
                IdempotencyKey = "ingest-" + b,
                Indicators = { Enumerable.Range(b * batchSize, Math.Min(batchSize, count - (b * batchSize))).Select(Indicator) },
            })
            .ToArray();

    public static IndicatorSubmission Indicator(int n)
    {
        var digest = SHA256.HashData(BitConverter.GetBytes(n));
        var (type, value) = (n % 4) switch
        {
            0 => (IndicatorType.Sha256, Convert.ToHexStringLower(digest)),
            1 => (IndicatorType.Ipv4, Address(n / 4)),
            2 => (IndicatorType.Domain, $"c2-{Convert.ToHexStringLower(digest, 0, 6)}.example.net"),
            _ => (IndicatorType.Md5, Convert.ToHexStringLower(digest, 0, 16)),
        };
        return new IndicatorSubmission
        {
            Type = type,
            Value = value,
            Tlp = Tlps[n % Tlps.Length],
            Confidence = (uint)(n % 101),
            Severity = (Severity)(1 + (n % 4)),
            Sectors = { Sectors[n % Sectors.Length] },
            Tags = { "campaign-" + (n % 97) },
            Description = "benchmark indicator " + n,
        };
    }

    private static string Address(int m) => $"{11 + (m >> 24)}.{(m >> 16) & 255}.{(m >> 8) & 255}.{m & 255}";
}
