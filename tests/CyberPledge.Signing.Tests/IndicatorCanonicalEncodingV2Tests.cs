using System.Security.Cryptography;
using System.Text;
using CyberPledge.Signing.Internal;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests;

/// <summary>Encoding v2 is a spec (docs/indicators.md) other implementations must match byte for byte.</summary>
public sealed class IndicatorCanonicalEncodingV2Tests
{
    private static FieldCommitment Commitment(byte digest) => new() { Digest = ByteString.CopyFrom(digest), Salt = ByteString.CopyFrom(0x55) };

    [Fact]
    public void Encode_SmallV2Version_MatchesTheSpecByteForByte()
    {
        var indicator = new Indicator
        {
            Encoding = CanonicalEncoding.V2,
            Id = "id",
            Type = IndicatorType.Cve,
            Value = "v",
            Tlp = Tlp.Amber,
            Confidence = 7,
            Severity = Severity.Low,
            Sectors = { Sector.Water },
            Tags = { "t" },
            KillChainPhases = { new KillChainPhase { KillChainName = "k", PhaseName = "p" } },
            ValidFrom = new Timestamp { Seconds = 1, Nanos = 2 },
            Description = "é",
            Sensitive = new SensitiveFields { ReportingOrganisation = "org" },
            Commitments = new FieldCommitments
            {
                ReportingOrganisation = Commitment(0xA1),
                InternalNotes = Commitment(0xA2),
                Description = Commitment(0xA3),
                Tags = Commitment(0xA4),
                KillChainPhases = Commitment(0xA5),
            },
            Origin = new Origin { Nation = "FRA", NodeId = "n" },
            Version = 3,
            Revoked = true,
            Exercise = true,
            Distribution = new Distribution
            {
                MayReshare = true,
                HopLimit = 4,
                RelayAudience = new RelayAudience { Tiers = { Tier.Ally }, Nations = { "JPN", "KOR" } },
                MaxRelayTlp = Tlp.Green,
            },
            Modified = new Timestamp { Seconds = 9, Nanos = 0 },
            Signature = new Signature { Algorithm = "A", KeyId = ByteString.CopyFrom(0xCD), Value = ByteString.CopyFrom(0xEE) },
        };

        var expected = Concat(
            Str("cyberpledge.indicator.v2"), Str("id"), I32(10), Str("v"), I32(3), I32(7), I32(1),
            I32(1), I32(4),                      // sectors: count, WATER
            [1], I64(1), I32(2),                 // valid_from present
            [0],                                 // valid_until absent
            Bytes(0xA1), Bytes(0xA2), Bytes(0xA3), Bytes(0xA4), Bytes(0xA5), // digests: organisation, notes, description, tags, phases
            Str("FRA"), Str("n"), I64(3), [1],   // origin, version, revoked
            [1],                                 // exercise
            [1], I32(4),                         // may_reshare, hop_limit
            I32(1), I32(1),                      // relay audience tiers: count, ALLY
            I32(2), Str("JPN"), Str("KOR"),      // relay audience nations
            I32(2),                              // max_relay_tlp GREEN
            [0],                                 // created absent
            [1], I64(9), I32(0),                 // modified
            Str("A"), Bytes(0xCD));              // signature algorithm and key id; never its value

        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(IndicatorCanonicalEncoding.Encode(indicator)));
    }

    [Fact]
    public void FieldDigest_EachField_IsSha256OfItsTagSaltAndCanonicalBytes()
    {
        var version = new Indicator
        {
            Description = "d",
            Tags = { "a", "b" },
            KillChainPhases = { new KillChainPhase { KillChainName = "k", PhaseName = "p" } },
            Sensitive = new SensitiveFields { ReportingOrganisation = "org", InternalNotes = "n" },
        };
        byte[] salt = [1, 2];
        byte[] Expected(string field, byte[] value) =>
            SHA256.HashData(Concat(Str("cyberpledge.field.v2." + field), [0, 0, 0, 2, 1, 2], value));

        Assert.Equal(Expected("reporting_organisation", Str("org")), IndicatorCanonicalEncoding.FieldDigest(RedactableFields.ReportingOrganisation, salt, version));
        Assert.Equal(Expected("internal_notes", Str("n")), IndicatorCanonicalEncoding.FieldDigest(RedactableFields.InternalNotes, salt, version));
        Assert.Equal(Expected("description", Str("d")), IndicatorCanonicalEncoding.FieldDigest(RedactableFields.Description, salt, version));
        Assert.Equal(Expected("tags", Concat(I32(2), Str("a"), Str("b"))), IndicatorCanonicalEncoding.FieldDigest(RedactableFields.Tags, salt, version));
        Assert.Equal(Expected("kill_chain_phases", Concat(I32(1), Str("k"), Str("p"))),
            IndicatorCanonicalEncoding.FieldDigest(RedactableFields.KillChainPhases, salt, version));
    }

    [Fact]
    public void FieldDigest_SameValueInTwoFields_DiffersByDomainTag()
    {
        // One field's digest can never pass for another's, even with the same salt and text.
        var version = new Indicator { Description = "x", Sensitive = new SensitiveFields { InternalNotes = "x" } };

        Assert.NotEqual(IndicatorCanonicalEncoding.FieldDigest(RedactableFields.Description, [7], version),
            IndicatorCanonicalEncoding.FieldDigest(RedactableFields.InternalNotes, [7], version));
    }

    [Fact]
    public void Encode_V2WithoutCommitments_Throws()
    {
        Assert.Throws<ArgumentException>(() => IndicatorCanonicalEncoding.Encode(new Indicator { Encoding = CanonicalEncoding.V2 }));
    }

    [Fact]
    public void Encode_UnknownEncoding_Throws()
    {
        Assert.Throws<ArgumentException>(() => IndicatorCanonicalEncoding.Encode(new Indicator { Encoding = (CanonicalEncoding)4 }));
    }

    [Fact]
    public void LeafDigest_IsTheMerkleLeafHashOfTheEncoding()
    {
        var version = Support.TestSigner.UnsignedV2();

        Assert.Equal(SHA256.HashData(Concat([0], IndicatorCanonicalEncoding.Encode(version))), IndicatorCanonicalEncoding.LeafDigest(version));
        Assert.Equal(MerkleTree.LeafHash(IndicatorCanonicalEncoding.Encode(version)), IndicatorCanonicalEncoding.LeafDigest(version));
    }

    private static byte[] Bytes(byte b) => [0, 0, 0, 1, b];

    private static byte[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return Concat(I32(bytes.Length), bytes);
    }

    private static byte[] I32(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] I64(long v) => Concat(I32((int)(v >> 32)), I32((int)v));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
