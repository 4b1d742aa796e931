using CyberPledge.Indicators.Signing;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Indicators.Tests.Signing;

public sealed class SignatureTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly NodeSigningKey _key;

    public SignatureTests() => _key = NodeSigningKey.LoadOrCreate(_directory.Path);

    private Indicator Signed()
    {
        var indicator = TestIndicators.Foreign();
        indicator.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive));
        _key.Sign(indicator);
        return indicator;
    }

    [Fact]
    public void Verify_SignedVersion_IsValid()
    {
        Assert.Equal(SignatureCheck.Valid, IndicatorSignatureVerifier.Verify(Signed(), _key.PublicKey));
    }

    [Fact]
    public void Verify_AfterProtobufRoundTrip_IsValid()
    {
        var relayed = Indicator.Parser.ParseFrom(Signed().ToByteArray());
        Assert.True(IndicatorSignatureVerifier.Verify(relayed, _key.PublicKey).IsValid);
    }

    [Fact]
    public void SignBatch_EveryVersion_VerifiesOnItsOwn()
    {
        var batch = Enumerable.Range(1, 7).Select(v => WithDigest(TestIndicators.Foreign(version: (ulong)v))).ToArray();

        _key.SignBatch(batch);

        Assert.Single(batch.Select(i => i.Signature.Value).Distinct());
        Assert.All(batch, i => Assert.True(IndicatorSignatureVerifier.Verify(i, _key.PublicKey).IsValid));
        Assert.Equal([0u, 1u, 2u, 3u, 4u, 5u, 6u], batch.Select(i => i.Signature.LeafIndex));
    }

    [Fact]
    public void Verify_ProofOfAnotherBatchMember_IsInvalid()
    {
        var batch = Enumerable.Range(1, 4).Select(v => WithDigest(TestIndicators.Foreign(version: (ulong)v))).ToArray();
        _key.SignBatch(batch);

        batch[0].Signature = batch[1].Signature.Clone();

        Assert.False(IndicatorSignatureVerifier.Verify(batch[0], _key.PublicKey).IsValid);
    }

    [Fact]
    public void Verify_TamperedAuditPath_IsInvalid()
    {
        var batch = Enumerable.Range(1, 4).Select(v => WithDigest(TestIndicators.Foreign(version: (ulong)v))).ToArray();
        _key.SignBatch(batch);
        batch[2].Signature.AuditPath[0] = ByteString.CopyFrom(new byte[32]);

        Assert.False(IndicatorSignatureVerifier.Verify(batch[2], _key.PublicKey).IsValid);
        Assert.True(IndicatorSignatureVerifier.Verify(batch[3], _key.PublicKey).IsValid);
    }

    [Fact]
    public void Verify_TreeSizeChanged_IsInvalid()
    {
        var batch = Enumerable.Range(1, 4).Select(v => WithDigest(TestIndicators.Foreign(version: (ulong)v))).ToArray();
        _key.SignBatch(batch);
        batch[3].Signature.TreeSize = 5;

        Assert.False(IndicatorSignatureVerifier.Verify(batch[3], _key.PublicKey).IsValid);
    }

    private static Indicator WithDigest(Indicator indicator)
    {
        indicator.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(indicator.Sensitive));
        return indicator;
    }

    [Fact]
    public void Verify_SensitiveFieldsRedacted_IsStillValid()
    {
        var redacted = Signed();
        redacted.Sensitive = null;
        Assert.True(IndicatorSignatureVerifier.Verify(redacted, _key.PublicKey).IsValid);
    }

    public static TheoryData<string, Action<Indicator>> Alterations => new()
    {
        { "value", i => i.Value = new string('b', 64) },
        { "tlp", i => i.Tlp = Tlp.Clear },
        { "confidence", i => i.Confidence = 10 },
        { "sectors", i => i.Sectors.Add(Sector.Water) },
        { "tags", i => i.Tags[0] = "benign" },
        { "description", i => i.Description += "." },
        { "origin", i => i.Origin.Nation = "DE" },
        { "version", i => i.Version = 7 },
        { "revoked", i => i.Revoked = true },
        { "distribution", i => i.Distribution.HopLimit = 16 },
        { "valid_until", i => i.ValidUntil = i.ValidFrom },
        { "modified", i => i.Modified.Seconds += 1 },
        { "sensitive_digest", i => { i.Sensitive = null; i.SensitiveDigest = ByteString.CopyFrom(new byte[32]); } },
    };

    [Theory]
    [MemberData(nameof(Alterations))]
    public void Verify_AlteredField_IsInvalid(string field, Action<Indicator> alter)
    {
        var indicator = Signed();
        alter(indicator);

        var check = IndicatorSignatureVerifier.Verify(indicator, _key.PublicKey);

        Assert.False(check.IsValid, field);
        Assert.StartsWith("signature: does not verify", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SensitiveTextAltered_IsInvalid()
    {
        var indicator = Signed();
        indicator.Sensitive.ReportingOrganisation = "someone else";
        Assert.StartsWith("sensitive:", IndicatorSignatureVerifier.Verify(indicator, _key.PublicKey).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherNodesKey_IsInvalid()
    {
        using var other = new TemporaryDirectory();
        using var otherKey = NodeSigningKey.LoadOrCreate(other.Path);
        Assert.StartsWith("signature.key_id:", IndicatorSignatureVerifier.Verify(Signed(), otherKey.PublicKey).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KeyIdSwappedToOtherKey_DoesNotVerify()
    {
        using var other = new TemporaryDirectory();
        using var otherKey = NodeSigningKey.LoadOrCreate(other.Path);
        var indicator = Signed();
        indicator.Signature.KeyId = ByteString.CopyFrom(otherKey.KeyId);
        Assert.False(IndicatorSignatureVerifier.Verify(indicator, otherKey.PublicKey).IsValid);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("algorithm")]
    [InlineData("length")]
    public void Verify_MalformedSignature_IsInvalid(string defect)
    {
        var indicator = Signed();
        switch (defect)
        {
            case "missing": indicator.Signature = null; break;
            case "algorithm": indicator.Signature.Algorithm = "RSA"; break;
            default: indicator.Signature.Value = ByteString.CopyFrom(new byte[63]); break;
        }

        Assert.False(IndicatorSignatureVerifier.Verify(indicator, _key.PublicKey).IsValid);
    }

    [Fact]
    public void Verify_GarbagePublicKey_IsInvalidNotAnException()
    {
        var garbage = new byte[] { 1, 2, 3 };
        var indicator = Signed();
        indicator.Signature.KeyId = ByteString.CopyFrom(SignatureAlgorithm.KeyId(garbage));
        Assert.StartsWith("origin_public_key:", IndicatorSignatureVerifier.Verify(indicator, garbage).Reason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _key.Dispose();
        _directory.Dispose();
    }
}
