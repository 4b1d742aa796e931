using CyberPledge.Signing.Internal;
using CyberPledge.Signing.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing.Tests;

public sealed class SignatureTests : IDisposable
{
    private readonly TestSigner _signer = new();
    private readonly IndicatorSignatureVerifier _verifier = new(new VerifiedBatchCache());

    private byte[] PublicKey => _signer.Key.PublicKey;

    private Indicator Signed() => _signer.Signed();

    [Fact]
    public void Verify_SignedVersion_IsValid()
    {
        Assert.Equal(SignatureCheck.Valid, _verifier.Verify(Signed(), PublicKey));
    }

    [Fact]
    public void Verify_AfterProtobufRoundTrip_IsValid()
    {
        var relayed = Indicator.Parser.ParseFrom(Signed().ToByteArray());
        Assert.True(_verifier.Verify(relayed, PublicKey).IsValid);
    }

    [Fact]
    public void SignBatch_EveryVersion_VerifiesOnItsOwn()
    {
        var batch = Enumerable.Range(1, 7).Select(v => TestSigner.Unsigned((ulong)v)).ToArray();

        _signer.Key.SignBatch(batch);

        Assert.Single(batch.Select(i => i.Signature.Value).Distinct());
        Assert.All(batch, i => Assert.True(_verifier.Verify(i, PublicKey).IsValid));
        Assert.Equal([0u, 1u, 2u, 3u, 4u, 5u, 6u], batch.Select(i => i.Signature.LeafIndex));
    }

    [Fact]
    public void Verify_ProofOfAnotherBatchMember_IsInvalid()
    {
        var batch = _signer.SignedBatch(4);

        batch[0].Signature = batch[1].Signature.Clone();

        Assert.False(_verifier.Verify(batch[0], PublicKey).IsValid);
    }

    [Fact]
    public void Verify_TamperedAuditPath_IsInvalid()
    {
        var batch = _signer.SignedBatch(4);
        batch[2].Signature.AuditPath[0] = ByteString.CopyFrom(new byte[32]);

        Assert.False(_verifier.Verify(batch[2], PublicKey).IsValid);
        Assert.True(_verifier.Verify(batch[3], PublicKey).IsValid);
    }

    [Fact]
    public void Verify_TreeSizeChanged_IsInvalid()
    {
        var batch = _signer.SignedBatch(4);
        batch[3].Signature.TreeSize = 5;

        Assert.False(_verifier.Verify(batch[3], PublicKey).IsValid);
    }

    [Fact]
    public void Verify_SensitiveFieldsRedacted_IsStillValid()
    {
        var redacted = Signed();
        redacted.Sensitive = null;
        Assert.True(_verifier.Verify(redacted, PublicKey).IsValid);
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

        var check = _verifier.Verify(indicator, PublicKey);

        Assert.False(check.IsValid, field);
        Assert.StartsWith("signature: does not verify", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SensitiveTextAltered_IsInvalid()
    {
        var indicator = Signed();
        indicator.Sensitive.ReportingOrganisation = "someone else";
        Assert.StartsWith("sensitive:", _verifier.Verify(indicator, PublicKey).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OtherNodesKey_IsInvalid()
    {
        using var other = new TemporaryDirectory();
        using var otherKey = NodeSigningKey.LoadOrCreate(other.Path);
        Assert.StartsWith("signature.key_id:", _verifier.Verify(Signed(), otherKey.PublicKey).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_KeyIdSwappedToOtherKey_DoesNotVerify()
    {
        using var other = new TemporaryDirectory();
        using var otherKey = NodeSigningKey.LoadOrCreate(other.Path);
        var indicator = Signed();
        indicator.Signature.KeyId = ByteString.CopyFrom(otherKey.KeyId);
        Assert.False(_verifier.Verify(indicator, otherKey.PublicKey).IsValid);
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

        Assert.False(_verifier.Verify(indicator, PublicKey).IsValid);
    }

    [Fact]
    public void Verify_GarbagePublicKey_IsInvalidNotAnException()
    {
        var garbage = new byte[] { 1, 2, 3 };
        var indicator = Signed();
        indicator.Signature.KeyId = ByteString.CopyFrom(SignatureAlgorithm.KeyId(garbage));
        Assert.StartsWith("origin_public_key:", _verifier.Verify(indicator, garbage).Reason, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _signer.Dispose();
    }
}
