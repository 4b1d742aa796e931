using System.Text.Json;
using CyberPledge.Stix.Internal.Import;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Stix;

/// <summary>
/// Reads one STIX 2.1 object into a draft the node can submit, or a per-object failure with its reason
/// (docs/taxii.md, "STIX mapping"). Nothing is dropped silently: every object gets a result. The TLP comes from the
/// official TLP 2.0 marking ids only; an indicator without one fails rather than getting a guessed TLP.
/// </summary>
public static class StixImport
{
    /// <summary>What the node makes of <paramref name="stixObject"/>.</summary>
    public static StixImportResult Read(JsonElement stixObject)
    {
        if (stixObject.ValueKind != JsonValueKind.Object)
        {
            return StixImportResult.ForFailure(null, null, "malformed: not a JSON object");
        }

        string? id = null;
        string? version = null;
        try
        {
            id = Properties.OptionalString(stixObject, "id");
            version = Properties.OptionalString(stixObject, "modified") ?? Properties.OptionalString(stixObject, "created");
            var type = Properties.RequiredString(stixObject, "type");
            if (id is null || !Properties.IsIdentifier(id, type))
            {
                throw new ImportFailure($"malformed: id is not {type}--UUID");
            }

            return type switch
            {
                "indicator" => StixImportResult.ForDraft(Indicator(stixObject, id), version!),
                "marking-definition" => StixMarkings.TryGetTlp(id, out _)
                    ? StixImportResult.ForReference(id, version, "official TLP 2.0 marking definition")
                    : StixImportResult.ForFailure(id, version, "unsupported marking definition: only the official TLP 2.0 ones are understood"),
                "extension-definition" => StixImportResult.ForReference(id, version, "extension definition (read for reference, not stored)"),
                "identity" => StixImportResult.ForReference(id, version, "identity (read for reference, not stored)"),
                _ => StixImportResult.ForFailure(id, version, $"unsupported type: {type} (the node stores indicators)"),
            };
        }
        catch (ImportFailure failure)
        {
            return StixImportResult.ForFailure(id, version, failure.Message);
        }
    }

    private static StixIndicatorDraft Indicator(JsonElement o, string id)
    {
        if (Properties.OptionalString(o, "spec_version") != StixMediaTypes.SpecVersion)
        {
            throw new ImportFailure("unsupported spec_version: only STIX 2.1 objects are read");
        }

        var created = Properties.RequiredTime(o, "created");
        var modified = Properties.RequiredTime(o, "modified");
        if (Properties.RequiredString(o, "pattern_type") != "stix")
        {
            throw new ImportFailure("unsupported pattern_type: only STIX patterns are read");
        }

        var (type, value) = PatternMapping.Read(Properties.RequiredString(o, "pattern"));
        var submission = new IndicatorSubmission
        {
            Type = type,
            Value = value,
            Tlp = Tlp(o),
            ValidFrom = Timestamp.FromDateTimeOffset(Properties.RequiredTime(o, "valid_from")),
            Description = Properties.OptionalString(o, "description") ?? "",
            Confidence = Confidence(o),
        };
        if (Properties.OptionalTime(o, "valid_until") is { } until)
        {
            submission.ValidUntil = Timestamp.FromDateTimeOffset(until);
        }

        submission.Tags.AddRange(Properties.OptionalStrings(o, "labels"));
        submission.KillChainPhases.AddRange(Properties.OptionalList(o, "kill_chain_phases").Select(Phase));
        return new StixIndicatorDraft(id, created, modified, Properties.OptionalBool(o, "revoked"),
            Properties.OptionalString(o, "created_by_ref"), submission);
    }

    // Several TLP markings on one object: the most restrictive holds (never a guess; a lower one would leak).
    private static Tlp Tlp(JsonElement o)
    {
        var levels = Properties.OptionalStrings(o, "object_marking_refs")
            .Select(r => StixMarkings.TryGetTlp(r, out var tlp) ? tlp : V1.Tlp.Unspecified)
            .Where(t => t != V1.Tlp.Unspecified).ToArray();
        return levels.Length > 0
            ? levels.Max()
            : throw new ImportFailure("no TLP: object_marking_refs names none of the official TLP 2.0 marking definitions");
    }

    private static uint Confidence(JsonElement o)
    {
        if (!o.TryGetProperty("confidence", out var c))
        {
            return 0;
        }

        return c.ValueKind == JsonValueKind.Number && c.TryGetUInt32(out var value) && value <= 100
            ? value
            : throw new ImportFailure("malformed: confidence is not an integer from 0 to 100");
    }

    private static KillChainPhase Phase(JsonElement phase) => phase.ValueKind == JsonValueKind.Object
        ? new KillChainPhase
        {
            KillChainName = Properties.RequiredString(phase, "kill_chain_name"),
            PhaseName = Properties.RequiredString(phase, "phase_name"),
        }
        : throw new ImportFailure("malformed: a kill_chain_phases item is not an object");
}
