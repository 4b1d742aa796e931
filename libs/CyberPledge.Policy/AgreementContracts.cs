using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Policy;

/// <summary>
/// Agreements as the gRPC contracts carry them (cyberpledge.v1.SharingAgreement, as Partners stores and streams them)
/// read into the engine's model, and the redactions both ways: one reading for Partners' Preview and Explain and for
/// Federation's deliveries, so a preview shows exactly what a grantee is sent.
/// </summary>
public static class AgreementContracts
{
    private static readonly (FieldRedactions Flag, V1.RedactableField Field)[] Fields =
    [
        (FieldRedactions.ReportingOrganisation, V1.RedactableField.ReportingOrganisation),
        (FieldRedactions.InternalNotes, V1.RedactableField.InternalNotes),
        (FieldRedactions.Description, V1.RedactableField.Description),
        (FieldRedactions.KillChainPhases, V1.RedactableField.KillChainPhases),
        (FieldRedactions.Tags, V1.RedactableField.Tags),
    ];

    /// <summary>The engine's model of an agreement as the contracts carry it.</summary>
    public static SharingAgreement ToModel(V1.SharingAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var rules = agreement.Rules ?? new V1.AgreementRules();
        return new SharingAgreement
        {
            Id = agreement.Id,
            Version = agreement.Version,
            Grantee = agreement.Grantee,
            Tier = agreement.Tier,
            Status = agreement.Status,
            ValidFrom = agreement.ValidFrom?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
            ValidUntil = agreement.ValidUntil?.ToDateTimeOffset(),
            Rules = new AgreementRules
            {
                MaxTlp = rules.MaxTlp,
                IndicatorTypes = [.. rules.IndicatorTypes],
                Sectors = [.. rules.Sectors],
                MinConfidence = rules.MinConfidence,
                MinSeverity = rules.MinSeverity,
                Embargo = rules.Embargo?.ToTimeSpan() ?? TimeSpan.Zero,
                Redactions = ToFlags(rules.Redactions),
                MayReshare = rules.MayReshare,
                HopLimit = rules.HopLimit,
                ShareImported = rules.ShareImported,
            },
        };
    }

    /// <summary>The engine's flags for a list of fields; an unknown field redacts nothing.</summary>
    public static FieldRedactions ToFlags(IEnumerable<V1.RedactableField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var flags = FieldRedactions.None;
        foreach (var field in fields)
        {
            foreach (var (flag, known) in Fields)
            {
                if (known == field)
                {
                    flags |= flag;
                }
            }
        }

        return flags;
    }

    /// <summary>The fields, in the contracts' order, that <paramref name="flags"/> redacts.</summary>
    public static List<V1.RedactableField> ToFields(FieldRedactions flags)
    {
        var fields = new List<V1.RedactableField>(Fields.Length);
        foreach (var (flag, field) in Fields)
        {
            if (flags.HasFlag(flag))
            {
                fields.Add(field);
            }
        }

        return fields;
    }
}
