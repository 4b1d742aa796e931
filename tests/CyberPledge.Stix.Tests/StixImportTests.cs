using System.Text.Json;
using System.Text.Json.Nodes;
using CyberPledge.Signing;
using CyberPledge.Stix.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Stix.Tests;

public sealed class StixImportTests : IDisposable
{
    private readonly SampleVersions _samples = new();

    public static TheoryData<int> Samples() => [.. Enumerable.Range(0, SampleVersions.Values.Length)];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_ExportedIndicator_GivesTheVersionsDraft(int sample)
    {
        var (type, value, _) = SampleVersions.Values[sample];
        var version = _samples.Signed(type, value, version: 3, tlp: Tlp.AmberStrict);
        var exported = StixExport.Export(version);

        var result = StixImport.Read(exported.Indicator.ToElement());

        Assert.Equal(StixImportOutcome.Draft, result.Outcome);
        var draft = result.Draft!;
        Assert.Equal(exported.Indicator.Id, draft.StixId);
        Assert.Equal(exported.Indicator.Modified, draft.Modified);
        Assert.Equal(exported.Indicator.Created, draft.Created);
        Assert.Equal(StixExport.Identity("FRA").Id, draft.CreatedByRef);
        Assert.False(draft.Revoked);
        var expected = new IndicatorSubmission
        {
            Type = type, Value = value, Tlp = Tlp.AmberStrict, Confidence = version.Confidence, Description = version.Description,
            Tags = { version.Tags }, KillChainPhases = { version.KillChainPhases },
            // STIX timestamps carry microseconds (docs/taxii.md): the 100 ns digit of the sample's times is cut.
            ValidFrom = Microseconds(version.ValidFrom), ValidUntil = Microseconds(version.ValidUntil),
        };
        Assert.Equal(expected, draft.Submission);
    }

    [Fact]
    public void Read_ExportedRedactedRevokedCopy_GivesARevokedDraftWithoutTheRedactedFields()
    {
        var copy = IndicatorRedaction.Redact(_samples.Signed(IndicatorType.Domain, "evil.example"), RedactableFields.Description | RedactableFields.Tags);
        copy.Revoked = true;

        var draft = StixImport.Read(StixExport.Export(copy).Indicator.ToElement()).Draft!;

        Assert.True(draft.Revoked);
        Assert.Equal("", draft.Submission.Description);
        Assert.Empty(draft.Submission.Tags);
    }

    [Fact]
    public void Read_ExportedReferences_AreReferencesNotFailures()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Ipv4, "198.51.100.7"));

        Assert.All(exported.Referenced, o => Assert.Equal(StixImportOutcome.Reference, StixImport.Read(o.ToElement()).Outcome));
    }

    [Fact]
    public void Read_CveRelationshipAndVulnerability_FailWithAReason()
    {
        var exported = StixExport.Export(_samples.Signed(IndicatorType.Cve, "CVE-2021-44228"));

        var vulnerability = StixImport.Read(exported.Vulnerability!.ToElement());

        Assert.Equal(StixImportOutcome.Failed, vulnerability.Outcome);
        Assert.Equal(exported.Vulnerability.Id, vulnerability.Id);
        Assert.StartsWith("unsupported type: vulnerability", vulnerability.Reason, StringComparison.Ordinal);
        Assert.Equal(StixImportOutcome.Failed, StixImport.Read(exported.Relationship!.ToElement()).Outcome);
    }

    [Theory]
    [InlineData("pattern", "[ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8']", "pattern is not a single comparison")]
    [InlineData("pattern", "[ipv4-addr:value = '1.2.3.4'] AND [domain-name:value = 'a.example']", "pattern is not a single comparison")]
    [InlineData("pattern", "[ipv4-addr:value = '1.2.3.4'] WITHIN 5 SECONDS", "pattern is not a single comparison")]
    [InlineData("pattern", "[ipv4-addr:value != '1.2.3.4']", "pattern uses NotEqual")]
    [InlineData("pattern", "[domain-name:value MATCHES '^a']", "pattern uses Matches")]
    [InlineData("pattern", "[file:name = 'evil.exe']", "unknown object path file:name")]
    [InlineData("pattern", "[file:hashes.'SHA-512' = 'aa']", "unknown object path file:hashes.'SHA-512'")]
    [InlineData("pattern", "[autonomous-system:number = '64500']", "autonomous-system:number is compared")]
    [InlineData("pattern", "[ipv4-addr:value = '1.2.3.4'", "pattern does not parse: at position 28")]
    [InlineData("pattern_type", "yara", "unsupported pattern_type")]
    [InlineData("spec_version", "2.0", "unsupported spec_version")]
    [InlineData("modified", "2026-03-01 08:00:00", "malformed: modified is not a STIX timestamp")]
    [InlineData("id", "indicator--not-a-uuid", "malformed: id is not indicator--UUID")]
    [InlineData("object_marking_refs", "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", "no TLP")]
    public void Read_IndicatorTheNodeCannotRepresent_FailsWithTheReason(string property, string value, string reason)
    {
        var indicator = Exported();
        indicator[property] = property == "object_marking_refs" ? new JsonArray(value) : value;

        var result = StixImport.Read(JsonSerializer.SerializeToElement(indicator));

        Assert.Equal(StixImportOutcome.Failed, result.Outcome);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("object_marking_refs")]
    [InlineData("valid_from")]
    [InlineData("pattern")]
    public void Read_IndicatorWithoutARequiredProperty_Fails(string property)
    {
        var indicator = Exported();
        indicator.Remove(property);

        Assert.Equal(StixImportOutcome.Failed, StixImport.Read(JsonSerializer.SerializeToElement(indicator)).Outcome);
    }

    [Fact]
    public void Read_SeveralTlpMarkings_TakesTheMostRestrictive()
    {
        var indicator = Exported();
        indicator["object_marking_refs"] = new JsonArray(StixMarkings.MarkingId(Tlp.Green), StixMarkings.MarkingId(Tlp.Red), "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9");

        Assert.Equal(Tlp.Red, StixImport.Read(JsonSerializer.SerializeToElement(indicator)).Draft!.Submission.Tlp);
    }

    [Fact]
    public void Read_UnquotedMd5AndCidr_MapToTheirTypes()
    {
        var indicator = Exported();
        indicator["pattern"] = "[file:hashes.MD5 = 'AAAA']";
        Assert.Equal(IndicatorType.Md5, StixImport.Read(JsonSerializer.SerializeToElement(indicator)).Draft!.Submission.Type);

        indicator["pattern"] = "[ipv6-addr:value = '2001:db8::/48']";
        Assert.Equal(IndicatorType.Cidr, StixImport.Read(JsonSerializer.SerializeToElement(indicator)).Draft!.Submission.Type);
    }

    [Fact]
    public void Read_NotAnObject_FailsWithoutAnId()
    {
        var result = StixImport.Read(JsonDocument.Parse("[1]").RootElement);

        Assert.Equal((StixImportOutcome.Failed, null), (result.Outcome, result.Id));
    }

    private static Timestamp Microseconds(Timestamp time) => new() { Seconds = time.Seconds, Nanos = time.Nanos - (time.Nanos % 1000) };

    private JsonObject Exported() =>
        JsonNode.Parse(StixExport.Export(_samples.Signed(IndicatorType.Ipv4, "198.51.100.7")).Indicator.ToJsonString())!.AsObject();

    public void Dispose() => _samples.Dispose();
}
