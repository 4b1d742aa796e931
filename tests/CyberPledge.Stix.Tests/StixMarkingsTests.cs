using System.Text.Json.Nodes;
using CyberPledge.Stix.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Stix.Tests;

public sealed class StixMarkingsTests
{
    // The official objects (cti-stix-common-objects, extension-definition-specifications/tlp-2.0), as published.
    private const string Official = """
        [
          {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "created": "2022-10-01T00:00:00.000Z", "name": "TLP:CLEAR", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "clear"}}},
          {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "created": "2022-10-01T00:00:00.000Z", "name": "TLP:GREEN", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "green"}}},
          {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "amber"}}},
          {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "created": "2022-10-01T00:00:00.000Z", "name": "TLP:AMBER+STRICT", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "amber+strict"}}},
          {"type": "marking-definition", "spec_version": "2.1", "id": "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "created": "2022-10-01T00:00:00.000Z", "name": "TLP:RED", "extensions": {"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {"extension_type": "property-extension", "tlp_2_0": "red"}}}
        ]
        """;

    // objects/extension-definition/extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json in the same repository.
    private const string OfficialExtensionDefinition = """
        {"id": "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d", "type": "extension-definition", "spec_version": "2.1",
         "name": "TLP 2.0", "description": "This defines TLP 2.0 as a STIX extension", "created": "2022-10-01T00:00:00.000Z",
         "modified": "2022-10-01T00:00:00.000Z", "created_by_ref": "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01",
         "schema": "https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0",
         "version": "1.0.0", "extension_types": ["property-extension"]}
        """;

    [Fact]
    public void All_EqualTheOfficialObjects()
    {
        var official = JsonNode.Parse(Official)!.AsArray();

        Assert.Equal(official.Count, StixMarkings.All.Count);
        for (var i = 0; i < official.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(official[i], JsonNode.Parse(StixMarkings.All[i].ToJsonString())), StixMarkings.All[i].ToJsonString());
        }
    }

    [Fact]
    public void TlpExtensionDefinition_EqualsTheOfficialObject()
    {
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(OfficialExtensionDefinition), JsonNode.Parse(StixMarkings.TlpExtensionDefinition.ToJsonString())));
    }

    [Fact]
    public void All_ValidateAgainstTheOasisSchemas()
    {
        Assert.All(StixMarkings.All.Append(StixMarkings.TlpExtensionDefinition), m => Assert.Empty(StixSchemas.Errors(m)));
    }

    [Theory]
    [InlineData(Tlp.Clear)]
    [InlineData(Tlp.Green)]
    [InlineData(Tlp.Amber)]
    [InlineData(Tlp.AmberStrict)]
    [InlineData(Tlp.Red)]
    public void TryGetTlp_OfficialId_RoundTrips(Tlp tlp)
    {
        Assert.True(StixMarkings.TryGetTlp(StixMarkings.MarkingId(tlp), out var read));
        Assert.Equal(tlp, read);
    }

    [Fact]
    public void TryGetTlp_Tlp1Id_IsUnknown()
    {
        // The STIX 2.1 TLP 1.0 "white" marking: not a TLP 2.0 level, never guessed into one.
        Assert.False(StixMarkings.TryGetTlp("marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9", out _));
    }

    [Fact]
    public void MarkingId_Unspecified_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StixMarkings.MarkingId(Tlp.Unspecified));
    }
}
