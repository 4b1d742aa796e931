using System.Text;
using CyberPledge.Signing.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests;

/// <summary>Encoding v3 (docs/indicators.md): v2 under its own domain string, then the import provenance (SECURITY.md rule 2).</summary>
public sealed class IndicatorCanonicalEncodingV3Tests : IDisposable
{
    private readonly TestSigner _signer = new();

    [Fact]
    public void Commit_ImportedVersion_IsV3AndOtherVersionsStayV2()
    {
        Assert.Equal(CanonicalEncoding.V3, TestSigner.UnsignedV3().Encoding);
        Assert.Equal(CanonicalEncoding.V2, TestSigner.UnsignedV2().Encoding);
    }

    [Fact]
    public void Encode_V3_IsV2UnderTheV3DomainFollowedByTheProvenance()
    {
        var v3 = TestSigner.UnsignedV3(promoted: true);
        var v2 = v3.Clone();
        v2.Imported = null;
        v2.Encoding = CanonicalEncoding.V2;
        var v2Bytes = IndicatorCanonicalEncoding.Encode(v2);
        var v2Body = v2Bytes.AsSpan(Str(IndicatorCanonicalEncoding.IndicatorDomainV2).Length).ToArray();
        var imported = v3.Imported;

        var expected = Concat(
            Str("cyberpledge.indicator.v3"), v2Body,
            Str(imported.Source), Str(imported.StixId),
            [1], I64(imported.StixModified.Seconds), I32(imported.StixModified.Nanos),
            [1], Str("alice (analyst)"));

        Assert.Equal(expected, IndicatorCanonicalEncoding.Encode(v3));
    }

    [Fact]
    public void Encode_V2Version_IsUnchangedByteForByte()
    {
        // Encode_SmallV2Version_MatchesTheSpecByteForByte pins v2's bytes; here, a v2 version's bytes do not depend on
        // anything v3 added: the v3 encoding of the same version minus its provenance is exactly them after the domain.
        var v2 = TestSigner.UnsignedV2();
        var before = IndicatorCanonicalEncoding.Encode(v2);
        var asV3 = v2.Clone();
        asV3.Encoding = CanonicalEncoding.V3;
        asV3.Imported = new ImportProvenance { Source = "s", StixId = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f" };
        var v3Bytes = IndicatorCanonicalEncoding.Encode(asV3);
        var v2Domain = Str(IndicatorCanonicalEncoding.IndicatorDomainV2);
        var v3Domain = Str(IndicatorCanonicalEncoding.IndicatorDomainV3);

        Assert.Equal(v2Domain, before[..v2Domain.Length]);
        Assert.Equal(before[v2Domain.Length..], v3Bytes[v3Domain.Length..(v3Domain.Length + before.Length - v2Domain.Length)]);
        Assert.Equal(before, IndicatorCanonicalEncoding.Encode(v2));
    }

    [Fact]
    public void Verify_SignedV3_IsValidAndEveryProvenanceFieldIsCovered()
    {
        var version = TestSigner.UnsignedV3();
        _signer.Key.SignBatch([version]);
        var verifier = new IndicatorSignatureVerifier(new VerifiedBatchCache());
        Assert.True(verifier.Verify(version, _signer.Key.PublicKey).IsValid);

        Action<ImportProvenance>[] alterations =
        [
            p => p.Source += "x",
            p => p.StixId = "indicator--00000000-0000-4000-8000-000000000000",
            p => p.StixModified = new Timestamp { Seconds = p.StixModified.Seconds + 1 },
            p => p.Promoted = true,
            p => p.PromotedBy = "mallory (analyst)",
        ];
        foreach (var alter in alterations)
        {
            var altered = version.Clone();
            alter(altered.Imported);
            Assert.False(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(altered, _signer.Key.PublicKey).IsValid);
        }
    }

    [Fact]
    public void Verify_ProvenanceOnV2OrV1_IsRefused()
    {
        var v2 = TestSigner.UnsignedV2();
        _signer.Key.SignBatch([v2]);
        v2.Imported = TestSigner.UnsignedV3().Imported;
        var v1 = _signer.Signed();
        v1.Imported = v2.Imported.Clone();
        var verifier = new IndicatorSignatureVerifier(new VerifiedBatchCache());

        Assert.Equal("imported: signed under canonical encoding v3 only", verifier.Verify(v2, _signer.Key.PublicKey).Reason);
        Assert.Equal("imported: signed under canonical encoding v3 only", verifier.Verify(v1, _signer.Key.PublicKey).Reason);
    }

    [Fact]
    public void Verify_V3WithoutProvenance_IsRefused()
    {
        var version = TestSigner.UnsignedV3();
        _signer.Key.SignBatch([version]);
        version.Imported = null;

        Assert.Equal("imported: required under canonical encoding v3",
            new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(version, _signer.Key.PublicKey).Reason);
    }

    [Fact]
    public void Redact_V3_EveryFieldMayGoAndTheCopyStillVerifies()
    {
        var version = TestSigner.UnsignedV3(promoted: true);
        _signer.Key.SignBatch([version]);

        var copy = IndicatorRedaction.Redact(version, RedactableFields.All);

        Assert.Equal(RedactableFields.All, IndicatorRedaction.Redactable(version));
        Assert.Equal(RedactableFields.All, IndicatorRedaction.Redacted(copy));
        Assert.Equal(version.Imported, copy.Imported);
        Assert.True(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(copy, _signer.Key.PublicKey).IsValid);
        Assert.Equal(IndicatorCanonicalEncoding.LeafDigest(version), IndicatorCanonicalEncoding.LeafDigest(copy));
    }

    public void Dispose() => _signer.Dispose();

    private static byte[] Str(string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        return Concat(I32(bytes.Length), bytes);
    }

    private static byte[] I32(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static byte[] I64(long v) => Concat(I32((int)(v >> 32)), I32((int)v));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
