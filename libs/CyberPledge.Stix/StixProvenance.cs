using CyberPledge.Stix.Internal;
using CyberPledge.Stix.Internal.Export;

namespace CyberPledge.Stix;

/// <summary>
/// The CyberPledge provenance extension: a STIX property extension on exported indicators that carries the origin's
/// signature (key id, signature, Merkle inclusion proof) and the exact bytes it covers (the version's canonical
/// encoding), so a STIX consumer can check who made the version and that it was not altered (docs/taxii.md,
/// "STIX mapping"; its JSON Schema is docs/stix-provenance-extension.schema.json).
/// </summary>
public static class StixProvenance
{
    /// <summary>The extension definition's id: UUIDv5 of "extension-definition/cyberpledge-provenance" under <see cref="StixIds.Namespace"/>.</summary>
    public static readonly string ExtensionDefinitionId =
        "extension-definition--" + UuidV5.Create(StixIds.Namespace, "extension-definition/cyberpledge-provenance");

    /// <summary>The version of the extension (its properties), semantic versioning.</summary>
    public const string ExtensionVersion = "1.0.0";

    /// <summary>Where the extension's normative definition lives (STIX 2.1 §7.3: a URL or plain text).</summary>
    public const string Schema =
        "docs/stix-provenance-extension.schema.json and docs/taxii.md (STIX mapping) in the CyberPledge Mesh repository";

    /// <summary>When the extension definition was first published; it has one version.</summary>
    public static readonly DateTimeOffset Published = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The identity that authored the extension definition (the project), id UUIDv5 of "identity/cyberpledge-mesh".</summary>
    public static StixObject Author { get; } = ObjectBuilder.Build("identity",
        "identity--" + UuidV5.Create(StixIds.Namespace, "identity/cyberpledge-mesh"), Published, Published, writer =>
        {
            writer.WriteString("created", StixTime.Format(Published));
            writer.WriteString("modified", StixTime.Format(Published));
            writer.WriteString("name", "CyberPledge Mesh");
            writer.WriteString("identity_class", "system");
            writer.WriteStrings("object_marking_refs", [StixMarkings.MarkingId(V1.Tlp.Clear)]);
        });

    /// <summary>The <c>extension-definition</c> object, marked TLP:CLEAR (it describes a format, nothing more).</summary>
    public static StixObject ExtensionDefinition { get; } = ObjectBuilder.Build("extension-definition", ExtensionDefinitionId,
        Published, Published, writer =>
        {
            writer.WriteString("created", StixTime.Format(Published));
            writer.WriteString("modified", StixTime.Format(Published));
            writer.WriteString("created_by_ref", Author.Id);
            writer.WriteString("name", "CyberPledge provenance");
            writer.WriteString("description",
                "The origin node's ECDSA P-256 signature over a batch Merkle root, this version's inclusion proof and the "
                + "canonical encoding it covers, so that a consumer can verify the indicator against the origin's public key.");
            writer.WriteString("schema", Schema);
            writer.WriteString("version", ExtensionVersion);
            writer.WriteStrings("extension_types", ["property-extension"]);
            writer.WriteStrings("object_marking_refs", [StixMarkings.MarkingId(V1.Tlp.Clear)]);
        });
}
