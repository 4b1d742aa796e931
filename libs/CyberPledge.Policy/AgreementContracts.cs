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
                Incidents = ToModel(rules.Incidents),
                Support = new SupportRules(rules.Support?.MayRequest ?? false, rules.Support?.MayOffer ?? false),
                Sightings = rules.Sightings is { } sightings
                    ? new SightingRules(sightings.Share, sightings.HasHopLimit ? sightings.HopLimit : SightingRules.DefaultHopLimit)
                    : SightingRules.None,
            },
        };
    }

    /// <summary>The contracts' form of the engine's <paramref name="rules"/> (templates as the API serves them).</summary>
    public static V1.AgreementRules ToContract(AgreementRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var contract = new V1.AgreementRules
        {
            MaxTlp = rules.MaxTlp,
            IndicatorTypes = { rules.IndicatorTypes },
            Sectors = { rules.Sectors },
            MinConfidence = rules.MinConfidence,
            MinSeverity = rules.MinSeverity,
            Redactions = { ToFields(rules.Redactions) },
            MayReshare = rules.MayReshare,
            HopLimit = rules.HopLimit,
            ShareImported = rules.ShareImported,
            Incidents = new V1.IncidentRules
            {
                Share = rules.Incidents.Share,
                Sectors = { rules.Incidents.Sectors },
                MinSeverity = rules.Incidents.MinSeverity,
                RedactAffectedServices = rules.Incidents.RedactAffectedServices,
            },
            Support = new V1.SupportRules { MayRequest = rules.Support.MayRequest, MayOffer = rules.Support.MayOffer },
            Sightings = new V1.SightingRules { Share = rules.Sightings.Share, HopLimit = rules.Sightings.HopLimit },
        };
        if (rules.Embargo > TimeSpan.Zero)
        {
            contract.Embargo = Duration.FromTimeSpan(rules.Embargo);
        }

        return contract;
    }

    private static IncidentRules ToModel(V1.IncidentRules? rules) => rules is null ? IncidentRules.None : new IncidentRules
    {
        Share = rules.Share,
        Sectors = [.. rules.Sectors],
        MinSeverity = rules.MinSeverity,
        RedactAffectedServices = rules.RedactAffectedServices,
    };

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
