using System.Security.Cryptography;
using System.Text;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests;

/// <summary>The encoding is a spec (docs/indicators.md) other implementations must match byte for byte.</summary>
public sealed class IndicatorCanonicalEncodingTests
{
    [Fact]
    public void Encode_SmallVersion_MatchesTheSpecByteForByte()
    {
        var indicator = new Indicator
        {
            Id = "id",
            Type = IndicatorType.Cve,
            Value = "v",
            Tlp = Tlp.Red,
            Confidence = 7,
            Severity = Severity.Low,
            Sectors = { Sector.Water },
            Tags = { "t" },
            KillChainPhases = { new KillChainPhase { KillChainName = "k", PhaseName = "p" } },
            ValidFrom = new Timestamp { Seconds = 1, Nanos = 2 },
            Description = "é",
            SensitiveDigest = ByteString.CopyFrom(0xAB),
            Origin = new Origin { Nation = "FR", NodeId = "n" },
            Version = 3,
            Revoked = true,
            Distribution = new Distribution { MayReshare = true, HopLimit = 4 },
            Signature = new Signature { Algorithm = "A", KeyId = ByteString.CopyFrom(0xCD), Value = ByteString.CopyFrom(0xEE) },
        };

        var expected = Concat(
            Str("cyberpledge.indicator.v1"), Str("id"), I32(10), Str("v"), I32(5), I32(7), I32(1),
            I32(1), I32(4),                      // sectors: count, WATER
            I32(1), Str("t"),                    // tags
            I32(1), Str("k"), Str("p"),          // kill-chain phases
            [1], I64(1), I32(2),                 // valid_from present
            [0],                                 // valid_until absent
            Str("é"), [0, 0, 0, 1, 0xAB],        // description, sensitive_digest
            Str("FR"), Str("n"), I64(3), [1],    // origin, version, revoked
            [1], I32(4),                         // distribution
            [0], [0],                            // created, modified absent
            Str("A"), [0, 0, 0, 1, 0xCD]);       // signature algorithm and key id; never its value

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(IndicatorCanonicalEncoding.Encode(indicator)));
    }

    [Fact]
    public void SensitiveDigest_IsSha256OfDomainSaltAndFields()
    {
        var sensitive = new SensitiveFields { Salt = ByteString.CopyFrom(1, 2), ReportingOrganisation = "org", InternalNotes = "" };
        var expected = SHA256.HashData(Concat(Str("cyberpledge.sensitive.v1"), [0, 0, 0, 2, 1, 2], Str("org"), Str("")));
        Assert.Equal(expected, IndicatorCanonicalEncoding.SensitiveDigest(sensitive));
    }

    [Fact]
    public void SensitiveDigest_DifferentSalt_GivesDifferentDigest()
    {
        var a = new SensitiveFields { Salt = ByteString.CopyFrom(1), ReportingOrganisation = "org" };
        var b = new SensitiveFields { Salt = ByteString.CopyFrom(2), ReportingOrganisation = "org" };
        Assert.NotEqual(IndicatorCanonicalEncoding.SensitiveDigest(a), IndicatorCanonicalEncoding.SensitiveDigest(b));
    }

    private static byte[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return Concat(I32(bytes.Length), bytes);
    }

    private static byte[] I32(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] I64(long v) => Concat(I32((int)(v >> 32)), I32((int)v));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
