using CyberPledge.Indicators.Validation;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Indicators.Tests.Validation;

public sealed class SubmissionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static IndicatorSubmission Valid() => new()
    {
        Type = IndicatorType.Domain,
        Value = "Evil.Example.COM",
        Tlp = Tlp.Amber,
        Confidence = 80,
        Severity = Severity.High,
        Description = "C2 domain",
    };

    [Fact]
    public void TryNormalize_ValidSubmission_NormalizesEveryField()
    {
        var submission = Valid();
        submission.Sectors.Add([Sector.Water, Sector.Energy, Sector.Water]);
        submission.Tags.Add([" APT-X ", "apt-x", "Botnet"]);
        submission.KillChainPhases.Add(new KillChainPhase { KillChainName = "Lockheed-Martin-Cyber-Kill-Chain", PhaseName = "Delivery" });
        submission.ReportingOrganisation = "CERT-XX";

        var error = SubmissionValidator.TryNormalize(submission, Now, out var content);

        Assert.Null(error);
        Assert.Equal("evil.example.com", content.Value);
        Assert.Equal([Sector.Energy, Sector.Water], content.Sectors);
        Assert.Equal(["apt-x", "botnet"], content.Tags);
        Assert.Equal("lockheed-martin-cyber-kill-chain", content.KillChainPhases[0].KillChainName);
        Assert.Equal("delivery", content.KillChainPhases[0].PhaseName);
        Assert.Equal("CERT-XX", content.Sensitive.ReportingOrganisation);
        Assert.Null(content.ValidFrom);
        Assert.False(content.Distribution.MayReshare);
    }

    public static TheoryData<string, Action<IndicatorSubmission>> InvalidSubmissions => new()
    {
        { "type: required", s => s.Type = IndicatorType.Unspecified },
        { "type: unknown indicator type 99", s => s.Type = (IndicatorType)99 },
        { "value: required", s => s.Value = "" },
        { "value: not a domain name", s => s.Value = "-x.example.com" },
        { "tlp: required", s => s.Tlp = Tlp.Unspecified },
        { "tlp: unknown TLP 42", s => s.Tlp = (Tlp)42 },
        { "confidence: must be 0-100", s => s.Confidence = 101 },
        { "severity: unknown severity 9", s => s.Severity = (Severity)9 },
        { "sectors[1]: unknown sector 0", s => s.Sectors.Add([Sector.Energy, Sector.Unspecified]) },
        { "tags[0]: a tag is 1-64 printable characters", s => s.Tags.Add("   ") },
        { "tags: at most 32 tags", s => s.Tags.Add(Enumerable.Range(0, 33).Select(i => "t" + i)) },
        { "kill_chain_phases[0]: names", s => s.KillChainPhases.Add(new KillChainPhase { KillChainName = "kill chain", PhaseName = "x" }) },
        { "valid_until: must be after valid_from", s => { s.ValidFrom = Timestamp.FromDateTimeOffset(Now); s.ValidUntil = Timestamp.FromDateTimeOffset(Now.AddDays(-1)); } },
        { "valid_until: must be after valid_from", s => s.ValidUntil = Timestamp.FromDateTimeOffset(Now.AddSeconds(-1)) },
        { "valid_from: not a valid timestamp", s => s.ValidFrom = new Timestamp { Seconds = 1, Nanos = -5 } },
        { "description: longer than 4096 characters", s => s.Description = new string('x', 4097) },
        { "description: control characters", s => s.Description = "bell\u0007" },
        { "reporting_organisation: longer than 256", s => s.ReportingOrganisation = new string('x', 257) },
        { "internal_notes: control characters", s => s.InternalNotes = "nul\0" },
        { "distribution.hop_limit: must be 0 when may_reshare is false", s => s.Distribution = new Distribution { HopLimit = 2 } },
        { "distribution.hop_limit: must be 1-16", s => s.Distribution = new Distribution { MayReshare = true, HopLimit = 17 } },
        { "distribution.may_reshare: TLP:RED", s => { s.Tlp = Tlp.Red; s.Distribution = new Distribution { MayReshare = true, HopLimit = 1 }; } },
        { "id: not a UUID", s => s.Id = "not-a-uuid" },
    };

    [Theory]
    [MemberData(nameof(InvalidSubmissions))]
    public void TryNormalize_InvalidField_NamesFieldAndReason(string expectedStart, Action<IndicatorSubmission> spoil)
    {
        var submission = Valid();
        spoil(submission);

        var error = SubmissionValidator.TryNormalize(submission, Now, out _);

        Assert.NotNull(error);
        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalize_UpperCaseId_IsLowerCased()
    {
        var submission = Valid();
        submission.Id = "0F8FAD5B-D9CB-469F-A165-70867728950E";

        Assert.Null(SubmissionValidator.TryNormalize(submission, Now, out var content));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", content.Id);
    }

    [Fact]
    public void TryNormalize_ReshareWithinHopLimit_IsKept()
    {
        var submission = Valid();
        submission.Distribution = new Distribution { MayReshare = true, HopLimit = 3 };

        Assert.Null(SubmissionValidator.TryNormalize(submission, Now, out var content));
        Assert.Equal(3u, content.Distribution.HopLimit);
    }
}
