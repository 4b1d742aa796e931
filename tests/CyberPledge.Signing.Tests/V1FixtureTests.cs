using CyberPledge.Signing.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Signing.Tests;

/// <summary>Versions signed before encoding v2 keep verifying, and keep their leaf, whatever v2 added.</summary>
public sealed class V1FixtureTests
{
    private static readonly byte[] PublicKey = Convert.FromBase64String(V1Fixture.PublicKey);

    private static Indicator Version(int i) => Indicator.Parser.ParseFrom(Convert.FromBase64String(V1Fixture.Versions[i]));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Verify_VersionSignedByTheV1Code_IsValid(int i)
    {
        var version = Version(i);

        Assert.Equal(CanonicalEncoding.V1, version.Encoding);
        Assert.Equal(SignatureCheck.Valid, new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(version, PublicKey));
    }

    [Fact]
    public void Verify_V1CopyWithoutSensitive_IsValidAndKeepsItsLeafDigest()
    {
        var version = Version(1);
        var copy = IndicatorRedaction.Redact(version, RedactableFields.InternalNotes);

        Assert.Null(copy.Sensitive);
        Assert.True(new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(copy, PublicKey).IsValid);
        Assert.Equal(IndicatorCanonicalEncoding.LeafDigest(version), IndicatorCanonicalEncoding.LeafDigest(copy));
    }

    public static TheoryData<Action<Indicator>, string> UnsignedV2Fields => new()
    {
        { v => v.Exercise = true, "exercise: not signed under canonical encoding v1" },
        { v => v.Distribution.MaxRelayTlp = Tlp.Green, "distribution: relay_audience and max_relay_tlp are not signed under canonical encoding v1" },
        { v => v.Distribution.RelayAudience = new RelayAudience { Nations = { "JPN" } }, "distribution: relay_audience and max_relay_tlp are not signed under canonical encoding v1" },
        { v => v.Commitments = new FieldCommitments(), "commitments: not signed under canonical encoding v1" },
    };

    [Theory]
    [MemberData(nameof(UnsignedV2Fields))]
    public void Verify_V1VersionCarryingAFieldOnlyV2Signs_IsRefused(Action<Indicator> add, string reason)
    {
        // v1 does not cover these: a relay could otherwise add an exercise marker or an audience nobody signed.
        var version = Version(0);
        add(version);

        Assert.Equal(SignatureCheck.Invalid(reason), new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(version, PublicKey));
    }

    [Fact]
    public void Redact_V1DescriptionOrTags_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => IndicatorRedaction.Redact(Version(0), RedactableFields.Description));
        Assert.Throws<ArgumentException>(() => IndicatorRedaction.Redact(Version(0), RedactableFields.Tags | RedactableFields.InternalNotes));
    }
}
