using System.Collections.Frozen;
using CyberPledge.Stix.Internal.Export;
using CyberPledge.V1;

namespace CyberPledge.Stix;

/// <summary>
/// The official TLP 2.0 marking definitions (oasis-open/cti-stix-common-objects, extension-definition-specifications/
/// tlp-2.0) and the extension definition they reference, exactly as published: ids, names and <c>created</c> are
/// fixed by that specification, never generated.
/// </summary>
public static class StixMarkings
{
    /// <summary>The id of the TLP 2.0 extension definition that the marking definitions use.</summary>
    public const string TlpExtensionDefinitionId = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

    private static readonly DateTimeOffset Published = new(2022, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (Tlp Tlp, string Level, string Name, string Id)[] Table =
    [
        (Tlp.Clear, "clear", "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487"),
        (Tlp.Green, "green", "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"),
        (Tlp.Amber, "amber", "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"),
        (Tlp.AmberStrict, "amber+strict", "TLP:AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"),
        (Tlp.Red, "red", "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"),
    ];

    private static readonly FrozenDictionary<Tlp, StixObject> ByTlp = Table.ToFrozenDictionary(row => row.Tlp, row => Marking(row));

    private static readonly FrozenDictionary<string, Tlp> ById = Table.ToFrozenDictionary(row => row.Id, row => row.Tlp, StringComparer.Ordinal);

    /// <summary>The five TLP 2.0 marking definitions, CLEAR to RED.</summary>
    public static IReadOnlyList<StixObject> All { get; } = [.. Table.Select(row => ByTlp[row.Tlp])];

    /// <summary>
    /// The TLP 2.0 extension definition (cti-stix-common-objects, objects/extension-definition/
    /// extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.json), content as published.
    /// </summary>
    public static StixObject TlpExtensionDefinition { get; } = ObjectBuilder.Build("extension-definition", TlpExtensionDefinitionId,
        Published, Published, writer =>
        {
            writer.WriteString("name", "TLP 2.0");
            writer.WriteString("description", "This defines TLP 2.0 as a STIX extension");
            writer.WriteString("created", "2022-10-01T00:00:00.000Z");
            writer.WriteString("modified", "2022-10-01T00:00:00.000Z");
            writer.WriteString("created_by_ref", "identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01");
            writer.WriteString("schema", "https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0");
            writer.WriteString("version", "1.0.0");
            writer.WriteStrings("extension_types", ["property-extension"]);
        });

    /// <summary>The official marking-definition id of a TLP level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">TLP_UNSPECIFIED or an unknown value.</exception>
    public static string MarkingId(Tlp tlp) => Definition(tlp).Id;

    /// <summary>The official marking definition of a TLP level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">TLP_UNSPECIFIED or an unknown value.</exception>
    public static StixObject Definition(Tlp tlp) =>
        ByTlp.TryGetValue(tlp, out var marking) ? marking : throw new ArgumentOutOfRangeException(nameof(tlp), tlp, "not a TLP 2.0 level");

    /// <summary>The TLP level of an official TLP 2.0 marking-definition id; false for any other id.</summary>
    public static bool TryGetTlp(string markingId, out Tlp tlp) => ById.TryGetValue(markingId, out tlp);

    private static StixObject Marking((Tlp Tlp, string Level, string Name, string Id) row) =>
        ObjectBuilder.Build("marking-definition", row.Id, Published, null, writer =>
        {
            writer.WriteString("created", "2022-10-01T00:00:00.000Z");
            writer.WriteString("name", row.Name);
            writer.WriteStartObject("extensions");
            writer.WriteStartObject(TlpExtensionDefinitionId);
            writer.WriteString("extension_type", "property-extension");
            writer.WriteString("tlp_2_0", row.Level);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
}
