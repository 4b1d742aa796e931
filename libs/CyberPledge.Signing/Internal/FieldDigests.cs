using System.Security.Cryptography;
using CyberPledge.V1;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// Canonical encoding v2's per-field commitments: which field is which, its domain tag, its canonical bytes, and
/// digest = SHA-256(string tag || bytes salt || field bytes). Each field has its own tag so that a digest of one
/// field can never stand for another's.
/// </summary>
internal static class FieldDigests
{
    public const int SaltLength = 16;
    public const int MaxSaltLength = 64;
    public const int DigestLength = SHA256.HashSizeInBytes;
    public const int Count = 5;
    public const string TagPrefix = "cyberpledge.field.v2.";

    /// <summary>The fields in the order of <c>FieldCommitments</c>' numbers, which is their order in the encoding.</summary>
    public static ReadOnlySpan<RedactableFields> Order =>
    [
        RedactableFields.ReportingOrganisation, RedactableFields.InternalNotes, RedactableFields.Description,
        RedactableFields.Tags, RedactableFields.KillChainPhases,
    ];

    public static string Tag(RedactableFields field) => field switch
    {
        RedactableFields.ReportingOrganisation => "cyberpledge.field.v2.reporting_organisation",
        RedactableFields.InternalNotes => "cyberpledge.field.v2.internal_notes",
        RedactableFields.Description => "cyberpledge.field.v2.description",
        RedactableFields.Tags => "cyberpledge.field.v2.tags",
        RedactableFields.KillChainPhases => "cyberpledge.field.v2.kill_chain_phases",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a single redactable field"),
    };

    /// <summary>The field's name in <c>FieldCommitments</c>, for messages.</summary>
    public static string Name(RedactableFields field) => Tag(field)[TagPrefix.Length..];

    /// <summary>Where the field's value is in <c>Indicator</c>, for messages.</summary>
    public static string ValuePath(RedactableFields field) =>
        (field & RedactableFields.Sensitive) != 0 ? "sensitive." + Name(field) : Name(field);

    public static void Set(FieldCommitments commitments, RedactableFields field, FieldCommitment commitment)
    {
        switch (field)
        {
            case RedactableFields.ReportingOrganisation:
                commitments.ReportingOrganisation = commitment;
                break;
            case RedactableFields.InternalNotes:
                commitments.InternalNotes = commitment;
                break;
            case RedactableFields.Description:
                commitments.Description = commitment;
                break;
            case RedactableFields.Tags:
                commitments.Tags = commitment;
                break;
            default:
                commitments.KillChainPhases = commitment;
                break;
        }
    }

    /// <summary>Where <paramref name="field"/>'s commitment is kept, or null when the version has none.</summary>
    public static FieldCommitment? Get(FieldCommitments? commitments, RedactableFields field) => commitments is null ? null : field switch
    {
        RedactableFields.ReportingOrganisation => commitments.ReportingOrganisation,
        RedactableFields.InternalNotes => commitments.InternalNotes,
        RedactableFields.Description => commitments.Description,
        RedactableFields.Tags => commitments.Tags,
        _ => commitments.KillChainPhases,
    };

    public static void Compute(RedactableFields field, ReadOnlySpan<byte> salt, Indicator version, Span<byte> digest)
    {
        var writer = CanonicalWriter.ForThisThread();
        writer.WriteString(Tag(field));
        writer.WriteBytes(salt);
        WriteValue(writer, field, version);
        SHA256.HashData(writer.WrittenSpan, digest);
    }

    /// <summary>True when the version carries nothing of <paramref name="field"/>, as a copy that redacts it must.</summary>
    public static bool IsEmpty(Indicator version, RedactableFields field) => field switch
    {
        RedactableFields.ReportingOrganisation => (version.Sensitive?.ReportingOrganisation ?? "").Length == 0,
        RedactableFields.InternalNotes => (version.Sensitive?.InternalNotes ?? "").Length == 0,
        RedactableFields.Description => version.Description.Length == 0,
        RedactableFields.Tags => version.Tags.Count == 0,
        _ => version.KillChainPhases.Count == 0,
    };

    public static void Clear(Indicator version, RedactableFields field)
    {
        switch (field)
        {
            case RedactableFields.ReportingOrganisation when version.Sensitive is not null:
                version.Sensitive.ReportingOrganisation = "";
                break;
            case RedactableFields.InternalNotes when version.Sensitive is not null:
                version.Sensitive.InternalNotes = "";
                break;
            case RedactableFields.Description:
                version.Description = "";
                break;
            case RedactableFields.Tags:
                version.Tags.Clear();
                break;
            case RedactableFields.KillChainPhases:
                version.KillChainPhases.Clear();
                break;
        }
    }

    private static void WriteValue(CanonicalWriter writer, RedactableFields field, Indicator version)
    {
        switch (field)
        {
            case RedactableFields.ReportingOrganisation:
                writer.WriteString(version.Sensitive?.ReportingOrganisation ?? "");
                break;
            case RedactableFields.InternalNotes:
                writer.WriteString(version.Sensitive?.InternalNotes ?? "");
                break;
            case RedactableFields.Description:
                writer.WriteString(version.Description);
                break;
            case RedactableFields.Tags:
                writer.WriteUInt32((uint)version.Tags.Count);
                foreach (var tag in version.Tags)
                {
                    writer.WriteString(tag);
                }

                break;
            default:
                writer.WriteUInt32((uint)version.KillChainPhases.Count);
                foreach (var phase in version.KillChainPhases)
                {
                    writer.WriteString(phase.KillChainName);
                    writer.WriteString(phase.PhaseName);
                }

                break;
        }
    }
}
