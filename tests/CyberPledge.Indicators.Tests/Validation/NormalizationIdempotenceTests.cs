using System.Net;
using System.Text;
using CyberPledge.Indicators.Validation;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.Validation;

/// <summary>
/// A normal form must be a fixed point: a receiver re-checks a foreign version by normalizing
/// its value again and refuses it when that changes it. Seeded random inputs, so a failure
/// reproduces.
/// </summary>
public sealed class NormalizationIdempotenceTests
{
    private const int Samples = 3000;
    private const string UrlAlphabet = "abcXYZ019-._~!$&'()*+,;=:@/?#%[] äé/..";
    private static readonly string[] Schemes = ["http", "HTTPS", "hxxp", "ftp", "wss"];
    private static readonly string[] Hosts = ["Example.COM", "bücher.example", "192.0.2.7", "[2001:DB8::1]", "a_b.example.org", "xn--bcher-kva.example"];

    public static TheoryData<IndicatorType> Types => new()
    {
        IndicatorType.Url, IndicatorType.Domain, IndicatorType.Email, IndicatorType.Ipv6, IndicatorType.Cidr, IndicatorType.Ipv4, IndicatorType.Asn,
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void TryNormalize_NormalForm_IsAFixedPoint(IndicatorType type)
    {
        var random = new Random(20260301 + (int)type);
        var accepted = 0;
        for (var i = 0; i < Samples; i++)
        {
            var input = Generate(type, random);
            if (!IndicatorValueNormalizer.TryNormalize(type, input, out var once, out _))
            {
                continue;
            }

            accepted++;
            Assert.True(IndicatorValueNormalizer.TryNormalize(type, once, out var twice, out var reason), $"'{input}' -> '{once}' refused: {reason}");
            Assert.Equal(once, twice);
        }

        Assert.True(accepted > Samples / 10, $"only {accepted} of {Samples} generated {type} values were valid: the generator tests too little");
    }

    private static string Generate(IndicatorType type, Random random) => type switch
    {
        IndicatorType.Url => $"{Pick(Schemes, random)}://{Pick(Hosts, random)}{(random.Next(3) == 0 ? ":" + random.Next(0, 70000) : "")}/{Text(UrlAlphabet, random, 12)}",
        IndicatorType.Domain => $"{Label(random)}.{Label(random)}.{Pick(["com", "example", "COM", "org."], random)}",
        IndicatorType.Email => $"{Text("abcXY09.+_-", random, 8)}@{Pick(Hosts[..3], random)}",
        IndicatorType.Ipv6 => new IPAddress(RandomBytes(random, 16, zeroRuns: true)).ToString().ToUpperInvariant(),
        IndicatorType.Cidr => random.Next(2) == 0
            ? $"{new IPAddress(RandomBytes(random, 4, zeroRuns: false))}/{random.Next(0, 34)}"
            : $"{new IPAddress(RandomBytes(random, 16, zeroRuns: true))}/{random.Next(0, 130)}",
        IndicatorType.Ipv4 => $"{random.Next(0, 300)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(0, 256)}",
        _ => random.Next(3) == 0 ? $"AS{random.Next(0, 70000)}.{random.Next(0, 70000)}" : $"as{(uint)random.NextInt64(0, 5_000_000_000)}",
    };

    private static string Label(Random random) =>
        random.Next(4) == 0 ? "bü" + Text("cher", random, 4) : Text("abcxyzABC0129-", random, 1 + random.Next(12)).Trim('-') is { Length: > 0 } label ? label : "x";

    private static string Pick(string[] values, Random random) => values[random.Next(values.Length)];

    private static string Text(string alphabet, Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static byte[] RandomBytes(Random random, int length, bool zeroRuns)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        if (zeroRuns)
        {
            // Runs of zero groups exercise "::" compression.
            var start = random.Next(length);
            Array.Clear(bytes, start, Math.Min(length - start, random.Next(length)));
        }

        return bytes;
    }
}
