using CyberPledge.Signing.Internal;
using CyberPledge.Signing.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Signing.Tests;

public sealed class IndicatorSignatureVerifierTests : IDisposable
{
    private readonly TestSigner _signer = new();

    private byte[] PublicKey => _signer.Key.PublicKey;

    private Indicator Signed() => _signer.Signed();

    [Fact]
    public void Verify_ForgeryInAnotherVerifiersCache_IsStillCheckedAndRefused()
    {
        // A forged signature that one verifier's cache holds as verified (as if that node had been
        // tricked): it must not carry over to another verifier in the same process.
        var forged = Signed();
        forged.Signature.Value = ByteString.CopyFrom(new byte[SignatureAlgorithm.SignatureLength]);
        var statement = SignatureAlgorithm.BatchStatement(1, MerkleTree.LeafHash(IndicatorCanonicalEncoding.Encode(forged)));
        var poisoned = new VerifiedBatchCache();
        poisoned.Add(PublicKey, statement, forged.Signature.Value.Span);
        var first = new IndicatorSignatureVerifier(poisoned);
        var second = new IndicatorSignatureVerifier(new VerifiedBatchCache());

        var firstCheck = first.Verify(forged, PublicKey);
        var secondCheck = second.Verify(forged, PublicKey);

        Assert.True(firstCheck.IsValid); // the first one answers from its cache without ECDSA
        Assert.False(secondCheck.IsValid);
        Assert.StartsWith("signature: does not verify", secondCheck.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ValidBatch_IsCachedByThisVerifierOnly()
    {
        var first = new VerifiedBatchCache();
        var second = new VerifiedBatchCache();
        var version = Signed();
        var statement = SignatureAlgorithm.BatchStatement(1, MerkleTree.LeafHash(IndicatorCanonicalEncoding.Encode(version)));

        Assert.True(new IndicatorSignatureVerifier(first).Verify(version, PublicKey).IsValid);

        Assert.True(first.Contains(PublicKey, statement, version.Signature.Value.Span));
        Assert.False(second.Contains(PublicKey, statement, version.Signature.Value.Span));
    }

    public static TheoryData<Action<Indicator>, string> ShapeDefects => new()
    {
        { i => i.Signature.Value = ByteString.CopyFrom(new byte[63]), "signature.value: expected 64 bytes (IEEE P1363 r||s)" },
        { i => i.Signature.TreeSize = 0, "signature.tree_size: must be 1-1048576" },
        { i => i.Signature.TreeSize = (1 << 20) + 1, "signature.tree_size: must be 1-1048576" },
        { i => { i.Sensitive = null; i.SensitiveDigest = ByteString.CopyFrom(new byte[31]); }, "sensitive_digest: expected 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(ShapeDefects))]
    public void Verify_OutOfLimits_ReasonStatesTheLimit(Action<Indicator> alter, string reason)
    {
        // The reasons reach callers (VerifySignature, ApplyForeignVersion): they must not change.
        var indicator = Signed();
        alter(indicator);

        var check = new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(indicator, PublicKey);

        Assert.Equal(SignatureCheck.Invalid(reason), check);
    }

    public void Dispose()
    {
        _signer.Dispose();
    }
}
