using CyberPledge.Policy.Tests.Support;
using CyberPledge.Signing;
using CyberPledge.V1;
using Google.Protobuf;
using static CyberPledge.Policy.Tests.Support.Samples;

namespace CyberPledge.Policy.Tests;

public sealed class RedactorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cp-policy-" + Guid.NewGuid().ToString("N"));
    private readonly NodeSigningKey _key;

    public RedactorTests()
    {
        Directory.CreateDirectory(_directory);
        _key = NodeSigningKey.LoadOrCreate(_directory);
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Indicator Signed()
    {
        var version = Version().With(v =>
        {
            v.Description = "phishing kit";
            v.Sensitive.Salt = ByteString.CopyFrom(Enumerable.Range(1, 16).Select(b => (byte)b).ToArray());
            v.SensitiveDigest = ByteString.CopyFrom(IndicatorCanonicalEncoding.SensitiveDigest(v.Sensitive));
        });
        _key.Sign(version);
        return version;
    }

    private SignatureCheck Verify(Indicator copy) => new IndicatorSignatureVerifier(new VerifiedBatchCache()).Verify(copy, _key.PublicKey);

    [Fact]
    public void Apply_SensitiveRedaction_DropsTheMessageKeepsTheDigestAndStillVerifies()
    {
        var original = Signed();

        var copy = Redactor.Apply(original, FieldRedactions.ReportingOrganisation);

        Assert.Null(copy.Sensitive);
        Assert.Equal(original.SensitiveDigest, copy.SensitiveDigest);
        Assert.True(Verify(copy).IsValid);
        Assert.Equal("CERT-EU", original.Sensitive.ReportingOrganisation);
    }

    [Fact]
    public void Apply_DescriptionRedactionOnV1_ClearsItAndTheCopyNoLongerVerifies()
    {
        // Why the engine withholds a v1 version that needs its description redacted (DESIGN.md Decision 1).
        var copy = Redactor.Apply(Signed(), FieldRedactions.Description);

        Assert.Equal("", copy.Description);
        Assert.False(Verify(copy).IsValid);
    }

    [Fact]
    public void Apply_TagsAndKillChainPhases_AreCleared()
    {
        var version = Version().With(v =>
        {
            v.Tags.Add("apt");
            v.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "initial-access" });
        });

        var copy = Redactor.Apply(version, FieldRedactions.Tags | FieldRedactions.KillChainPhases);

        Assert.Empty(copy.Tags);
        Assert.Empty(copy.KillChainPhases);
        Assert.Single(version.Tags);
    }

    private Indicator SignedV2()
    {
        var version = Version().With(v =>
        {
            v.Description = "phishing kit";
            v.Tags.Add("apt");
            v.KillChainPhases.Add(new KillChainPhase { KillChainName = "mitre-attack", PhaseName = "initial-access" });
        });
        IndicatorRedaction.Commit(version);
        _key.Sign(version);
        return version;
    }

    [Theory]
    [InlineData(FieldRedactions.Description)]
    [InlineData(FieldRedactions.Tags | FieldRedactions.KillChainPhases)]
    [InlineData(FieldRedactions.ReportingOrganisation)]
    [InlineData(FieldRedactions.All)]
    public void Apply_AnyRedactionOfAV2Version_LeavesOutExactlyThoseFieldsAndStillVerifies(FieldRedactions redactions)
    {
        var original = SignedV2();

        var copy = Redactor.Apply(original, redactions);

        Assert.True(Verify(copy).IsValid);
        Assert.Equal((RedactableFields)redactions, IndicatorRedaction.Redacted(copy));
        Assert.Equal(IndicatorCanonicalEncoding.LeafDigest(original), IndicatorCanonicalEncoding.LeafDigest(copy));
        Assert.Equal("phishing kit", original.Description);
    }

    [Fact]
    public void FieldRedactions_HaveTheValuesOfTheSigningLibrarysRedactableFields()
    {
        // Redactor converts one to the other by a cast.
        Assert.Equal(Enum.GetNames<FieldRedactions>(), Enum.GetNames<RedactableFields>());
        Assert.All(Enum.GetNames<FieldRedactions>(), name => Assert.Equal((int)Enum.Parse<FieldRedactions>(name), (int)Enum.Parse<RedactableFields>(name)));
    }

    [Fact]
    public void Apply_NothingToRedact_ReturnsTheVersionItself()
    {
        var version = Version();

        Assert.Same(version, Redactor.Apply(version, FieldRedactions.None));
    }
}
