using System.Text.Json;
using CyberPledge.V1;

namespace CyberPledge.Stix.Internal.Export;

/// <summary>
/// The STIX objects of one indicator version: the indicator, and for a CVE a vulnerability and the relationship
/// between them, all three sharing the version's created, modified, creator, marking and revocation.
/// </summary>
internal static class IndicatorObjects
{
    public static StixObject Indicator(Indicator version, VersionFacts facts) =>
        ObjectBuilder.Build("indicator", facts.IndicatorId, facts.Created, facts.Modified, writer =>
        {
            WriteCommon(writer, facts);
            writer.WriteString("name", version.Value);
            if (version.Description.Length > 0)
            {
                writer.WriteString("description", version.Description);
            }

            writer.WriteStrings("indicator_types", ["malicious-activity"]);
            writer.WriteString("pattern", PatternText.For(version.Type, version.Value));
            writer.WriteString("pattern_type", "stix");
            writer.WriteString("pattern_version", "2.1");
            writer.WriteString("valid_from", StixTime.Format(version.ValidFrom ?? version.Modified));
            if (version.ValidUntil is not null)
            {
                writer.WriteString("valid_until", StixTime.Format(version.ValidUntil));
            }

            if (version.KillChainPhases.Count > 0)
            {
                writer.WriteStartArray("kill_chain_phases");
                foreach (var phase in version.KillChainPhases)
                {
                    writer.WriteStartObject();
                    writer.WriteString("kill_chain_name", phase.KillChainName);
                    writer.WriteString("phase_name", phase.PhaseName);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteNumber("confidence", version.Confidence);
            if (version.Tags.Count > 0)
            {
                writer.WriteStrings("labels", version.Tags);
            }

            WriteRevokedAndMarking(writer, version, facts);
            if (version.Signature is not null)
            {
                writer.WriteStartObject("extensions");
                ProvenanceWriter.Write(writer, version);
                writer.WriteEndObject();
            }
        });

    public static StixObject Vulnerability(Indicator version, VersionFacts facts) =>
        ObjectBuilder.Build("vulnerability", facts.VulnerabilityId, facts.Created, facts.Modified, writer =>
        {
            WriteCommon(writer, facts);
            writer.WriteString("name", version.Value);
            writer.WriteStartArray("external_references");
            writer.WriteStartObject();
            writer.WriteString("source_name", "cve");
            writer.WriteString("external_id", version.Value);
            writer.WriteEndObject();
            writer.WriteEndArray();
            WriteRevokedAndMarking(writer, version, facts);
        });

    public static StixObject Relationship(Indicator version, VersionFacts facts) =>
        ObjectBuilder.Build("relationship", facts.RelationshipId, facts.Created, facts.Modified, writer =>
        {
            WriteCommon(writer, facts);
            writer.WriteString("relationship_type", "related-to");
            writer.WriteString("source_ref", facts.IndicatorId);
            writer.WriteString("target_ref", facts.VulnerabilityId);
            WriteRevokedAndMarking(writer, version, facts);
        });

    private static void WriteCommon(Utf8JsonWriter writer, VersionFacts facts)
    {
        writer.WriteString("created_by_ref", facts.CreatedByRef);
        writer.WriteString("created", StixTime.Format(facts.Created));
        writer.WriteString("modified", StixTime.Format(facts.Modified));
    }

    private static void WriteRevokedAndMarking(Utf8JsonWriter writer, Indicator version, VersionFacts facts)
    {
        if (version.Revoked)
        {
            writer.WriteBoolean("revoked", true);
        }

        writer.WriteStrings("object_marking_refs", [facts.MarkingRef]);
    }
}

/// <summary>What the objects of one version share.</summary>
internal sealed record VersionFacts(
    string IndicatorId, string VulnerabilityId, string RelationshipId, string CreatedByRef, string MarkingRef,
    DateTimeOffset Created, DateTimeOffset Modified);
