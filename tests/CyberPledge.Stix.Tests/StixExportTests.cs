using System.Text.Json;
using CyberPledge.Signing;
using CyberPledge.Stix.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Stix.Tests;

public sealed class StixExportTests : IDisposable
{
    private readonly SampleVersions _samples = new();

    public static TheoryData<int> Samples() => [.. Enumerable.Range(0, SampleVersions.Values.Length)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_EveryIndicatorType_EveryObjectValidatesAgainstTheOasisSchemas(int sample)
    {
        var (type, value, _) = SampleVersions.Values[sample];

        var exported = StixExport.Export(_samples.Signed(type, value));

        Assert.All(exported.Objects.Concat(exported.Referenced), o => Assert.Empty(StixSchemas.Errors(o)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Export_EveryIndicatorType_WritesItsStixPattern(int sample)
    {
        var (type, value, pattern) = SampleVersions.Values[sample];

        var indicator = StixExport.Export(_samples.Signed(type, value)).Indicator.ToElement();

        Assert.Equal(pattern, indicator.GetProperty("pattern").GetString());
        Assert.IsType<ObservationExpression>(StixPattern.Parse(indicator.GetProperty("pattern").GetString()!));
        Assert.Equal("stix", indicator.GetProperty("pattern_type").GetString());
        Assert.Equal("2.1", indicator.GetProperty("pattern_version").GetString());
    }

    [Fact]
    public void Export_VersionsOfOneIndicator_ShareTheIdAndDifferByModified()
    {
        var history = _samples.History(IndicatorType.Domain, "evil.example", 3).Select(StixExport.Export).ToArray();

        Assert.Single(history.Select(v => v.Indicator.Id).Distinct());
        Assert.Equal(3, history.Select(v => v.Indicator.VersionText).Distinct().Count());
        Assert.All(history, v => Assert.Equal(history[0].Indicator.Created, v.Indicator.Created));
        Assert.Equal(StixIds.Indicator(new Origin { Nation = "FRA", NodeId = "paris" }, "0f1e2d3c-4b5a-4978-8877-665544332211"), history[0].Indicator.Id);
    }

    [Fact]
    public void Export_Timestamps_AreUtcWithMillisecondsAndCreatedNotAfterModified()
    {
        var indicator = StixExport.Export(_samples.Signed(IndicatorType.Ipv4, "198.51.100.7", version: 2)).Indicator.ToElement();

        // 08:00:00.1234567 is cut to microseconds; version 2 was modified an hour and two ticks later.
        Assert.Equal("2026-03-01T08:00:00.123456Z", indicator.GetProperty("created").GetString());
        Assert.Equal("2026-03-01T09:00:00.123456Z", indicator.GetProperty("modified").GetString());
        Assert.Equal("2026-03-01T08:00:00.123456Z", indicator.GetProperty("valid_from").GetString());
        Assert.Equal("2026-03-31T08:00:00.123456Z", indicator.GetProperty("valid_until").GetString());
    }

    [Fact]
    public void Export_CompleteVersion_MapsEveryField()
    {
        var indicator = StixExport.Export(_samples.Signed(IndicatorType.Domain, "evil.example", tlp: Tlp.Green)).Indicator.ToElement();

        Assert.Equal(80, indicator.GetProperty("confidence").GetInt32());
        Assert.Equal(["botnet", "c2"], indicator.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["malicious-activity"], indicator.GetProperty("indicator_types").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("seen in \"campaign\" <7>", indicator.GetProperty("description").GetString());
        var phase = Assert.Single(indicator.GetProperty("kill_chain_phases").EnumerateArray());
        Assert.Equal("lockheed-martin-cyber-kill-chain", phase.GetProperty("kill_chain_name").GetString());
        Assert.Equal("command-and-control", phase.GetProperty("phase_name").GetString());
        Assert.Equal([StixMarkings.MarkingId(Tlp.Green)], indicator.GetProperty("object_marking_refs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(StixExport.Identity("FRA").Id, indicator.GetProperty("created_by_ref").GetString());
        Assert.False(indicator.TryGetProperty("revoked", out _));
    }

    [Fact]
    public void Export_RedactedCopy_LeavesTheRedactedFieldsOut()
    {
        var copy = IndicatorRedaction.Redact(_samples.Signed(IndicatorType.Domain, "evil.example"),
            RedactableFields.Description | RedactableFields.Tags | RedactableFields.KillChainPhases);

        var exported = StixExport.Export(copy);
        var indicator = exported.Indicator.ToElement();

        Assert.False(indicator.TryGetProperty("description", out _));
        Assert.False(indicator.TryGetProperty("labels", out _));
        Assert.False(indicator.TryGetProperty("kill_chain_phases", out _));
        Assert.False(Provenance(indicator).TryGetProperty("field_salts", out _));
        Assert.Empty(StixSchemas.Errors(exported.Indicator));
    }

    [Fact]
    public void Export_RevokedVersion_MarksEveryObjectRevoked()
    {
        var revoked = _samples.Signed(IndicatorType.Cve, "CVE-2021-44228", version: 2);

        var exported = StixExport.Export(Revoke(revoked));

        Assert.Equal(3, exported.Objects.Count);
        Assert.All(exported.Objects, o => Assert.True(o.ToElement().GetProperty("revoked").GetBoolean()));
    }

    [Fact]
    public void Export_Cve_AddsAVulnerabilityWithItsCveReferenceAndARelationship()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Cve, "CVE-2021-44228"));

        var vulnerability = exported.Vulnerability!.ToElement();
        var reference = Assert.Single(vulnerability.GetProperty("external_references").EnumerateArray());
        Assert.Equal("cve", reference.GetProperty("source_name").GetString());
        Assert.Equal("CVE-2021-44228", reference.GetProperty("external_id").GetString());
        Assert.Equal("CVE-2021-44228", vulnerability.GetProperty("name").GetString());
        var relationship = exported.Relationship!.ToElement();
        Assert.Equal(exported.Indicator.Id, relationship.GetProperty("source_ref").GetString());
        Assert.Equal(exported.Vulnerability.Id, relationship.GetProperty("target_ref").GetString());
        Assert.Equal(exported.Indicator.VersionText, exported.Relationship.VersionText);
    }

    [Fact]
    public void Export_NotCve_HasNoVulnerability()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Url, "https://evil.example/"));

        Assert.Null(exported.Vulnerability);
        Assert.Single(exported.Objects);
    }

    [Fact]
    public void Export_EveryReference_IsAnExportedObject()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Cve, "CVE-2021-44228", tlp: Tlp.Red));
        var ids = exported.Objects.Concat(exported.Referenced).Select(o => o.Id).ToHashSet();

        var references = exported.Objects.Concat(exported.Referenced).Where(o => o != StixMarkings.TlpExtensionDefinition)
            .SelectMany(o => References(o.ToElement())).ToArray();

        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Contains(r, ids));
        Assert.Contains(StixMarkings.Definition(Tlp.Red), exported.Referenced);
    }

    [Fact]
    public void Export_SameInputTwice_IsByteForByteEqual()
    {
        var version = _samples.Signed(IndicatorType.Sha256, new string('c', 64));

        Assert.Equal(StixExport.Export(version).Indicator.ToJsonString(), StixExport.Export(version.Clone()).Indicator.ToJsonString());
    }

    [Fact]
    public void Export_UnspecifiedTlp_IsRefused()
    {
        var version = _samples.Signed(IndicatorType.Ipv4, "198.51.100.7");
        version.Tlp = Tlp.Unspecified;

        Assert.Throws<ArgumentException>(() => StixExport.Export(version));
    }

    [Fact]
    public void ExclusionReason_UnconfirmedWarningOrQuarantine_IsNamed()
    {
        var version = _samples.Signed(IndicatorType.Ipv4, "8.8.8.8");
        Assert.Null(StixExport.ExclusionReason(version));

        version.Warning = new WarningFlag { Version = 1, State = WarningState.Confirmed };
        Assert.Null(StixExport.ExclusionReason(version));

        version.Warning.State = WarningState.Unconfirmed;
        Assert.Equal("unconfirmed warning-list match", StixExport.ExclusionReason(version));

        version.Quarantine = new Quarantine { Reason = QuarantineReason.Equivocation, Version = 1 };
        Assert.Equal("quarantined", StixExport.ExclusionReason(version));
    }

    [Fact]
    public void Identity_SameNationAnyCase_IsOneObjectOfClassOrganization()
    {
        var identity = StixExport.Identity("fra");

        Assert.Same(identity, StixExport.Identity("FRA"));
        Assert.Equal("organization", identity.ToElement().GetProperty("identity_class").GetString());
        Assert.NotEqual(identity.Id, StixExport.Identity("DEU").Id);
        Assert.Empty(StixSchemas.Errors(identity));
    }

    internal static JsonElement Provenance(JsonElement indicator) =>
        indicator.GetProperty("extensions").GetProperty(StixProvenance.ExtensionDefinitionId);

    private static Indicator Revoke(Indicator version)
    {
        var revoked = version.Clone();
        revoked.Revoked = true;
        return revoked;
    }

    private static IEnumerable<string> References(JsonElement stixObject)
    {
        foreach (var property in stixObject.EnumerateObject())
        {
            if (property.Name.EndsWith("_ref", StringComparison.Ordinal))
            {
                yield return property.Value.GetString()!;
            }
            else if (property.Name.EndsWith("_refs", StringComparison.Ordinal))
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    yield return item.GetString()!;
                }
            }
        }
    }

    public void Dispose() => _samples.Dispose();
}
