using System.Text.Json;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Stix.Internal.Export;

/// <summary>
/// Writes the provenance extension of an indicator version (docs/taxii.md, "STIX mapping"). Arrays are left out when
/// empty (STIX lists have at least one item).
/// </summary>
internal static class ProvenanceWriter
{
    public static void Write(Utf8JsonWriter writer, Indicator version)
    {
        var signature = version.Signature;
        writer.WriteStartObject(StixProvenance.ExtensionDefinitionId);
        writer.WriteString("extension_type", "property-extension");
        writer.WriteString("origin_nation", version.Origin.Nation);
        writer.WriteString("origin_node", version.Origin.NodeId);
        writer.WriteString("indicator_id", version.Id);
        writer.WriteNumber("version", version.Version);
        writer.WriteString("canonical_encoding", version.Encoding switch { CanonicalEncoding.V3 => "v3", CanonicalEncoding.V2 => "v2", _ => "v1" });
        writer.WriteBase64String("signed_bin", IndicatorCanonicalEncoding.Encode(version));
        writer.WriteString("algorithm", signature.Algorithm);
        writer.WriteString("key_id_hex", Convert.ToHexStringLower(signature.KeyId.Span));
        writer.WriteBase64String("signature_bin", signature.Value.Span);
        writer.WriteNumber("leaf_index", signature.LeafIndex);
        writer.WriteNumber("tree_size", signature.TreeSize);
        if (signature.AuditPath.Count > 0)
        {
            writer.WriteStartArray("audit_path");
            foreach (var hash in signature.AuditPath)
            {
                writer.WriteBase64StringValue(hash.Span);
            }

            writer.WriteEndArray();
        }

        WriteSalts(writer, version.Commitments);
        if (version.Severity != Severity.Unspecified)
        {
            writer.WriteString("severity", Names.Severity(version.Severity));
        }

        if (version.Sectors.Count > 0)
        {
            writer.WriteStrings("sectors", version.Sectors.Select(Names.Sector));
        }

        if (version.Exercise)
        {
            writer.WriteBoolean("exercise", true);
        }

        writer.WriteEndObject();
    }

    // The salts of the redactable fields STIX shows (description, labels, kill_chain_phases), so a consumer can check
    // each against its digest in signed_bin. A redacted field has no salt; the reporting organisation and internal
    // notes are never exported, so neither are their salts.
    private static void WriteSalts(Utf8JsonWriter writer, FieldCommitments? commitments)
    {
        (string Name, FieldCommitment? Field)[] fields = commitments is null ? [] :
            [("description", commitments.Description), ("tags", commitments.Tags), ("kill_chain_phases", commitments.KillChainPhases)];
        var present = fields.Where(f => f.Field is { Salt.Length: > 0 }).ToArray();
        if (present.Length == 0)
        {
            return;
        }

        writer.WriteStartObject("field_salts");
        foreach (var (name, field) in present)
        {
            writer.WriteBase64String(name, field!.Salt.Span);
        }

        writer.WriteEndObject();
    }
}
