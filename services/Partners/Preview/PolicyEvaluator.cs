using System.Collections.Immutable;
using CyberPledge.Policy;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Model = CyberPledge.Policy;

namespace CyberPledge.Partners.Preview;

/// <summary>
/// The policy engine (libs/CyberPledge.Policy) behind Preview and Explain: an agreement as stored (protobuf) is read
/// into the engine's model and evaluated on its own, a draft as if active. The same engine decides for Federation,
/// so a preview shows exactly what the grantee would be sent.
/// </summary>
internal sealed class PolicyEvaluator : IAgreementEvaluator
{
    public (bool Allowed, string Reason, string Rule, IReadOnlyList<RedactableField> Redactions, DateTimeOffset? ReleaseAt) Evaluate(
        V1.SharingAgreement agreement, Indicator version, DateTimeOffset at)
    {
        var decision = PolicyEngine.Evaluate(ToModel(agreement), version, at, DeliveryContext.Own);
        return (decision.Allowed, decision.Reason, decision.Rule, ToFields(decision.Redactions), decision.ReleaseAt);
    }

    /// <summary>The engine's model of a stored agreement.</summary>
    public static Model.SharingAgreement ToModel(V1.SharingAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var rules = agreement.Rules ?? new V1.AgreementRules();
        return new Model.SharingAgreement
        {
            Id = agreement.Id,
            Version = agreement.Version,
            Grantee = agreement.Grantee,
            Tier = agreement.Tier,
            Status = agreement.Status,
            ValidFrom = agreement.ValidFrom?.ToDateTimeOffset() ?? DateTimeOffset.MinValue,
            ValidUntil = agreement.ValidUntil?.ToDateTimeOffset(),
            Rules = new Model.AgreementRules
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
            },
        };
    }

    private static FieldRedactions ToFlags(IEnumerable<RedactableField> fields)
    {
        var flags = FieldRedactions.None;
        foreach (var field in fields)
        {
            flags |= field switch
            {
                RedactableField.ReportingOrganisation => FieldRedactions.ReportingOrganisation,
                RedactableField.InternalNotes => FieldRedactions.InternalNotes,
                RedactableField.Description => FieldRedactions.Description,
                RedactableField.KillChainPhases => FieldRedactions.KillChainPhases,
                RedactableField.Tags => FieldRedactions.Tags,
                _ => FieldRedactions.None,
            };
        }

        return flags;
    }

    private static IReadOnlyList<RedactableField> ToFields(FieldRedactions flags)
    {
        var fields = ImmutableArray.CreateBuilder<RedactableField>();
        (FieldRedactions Flag, RedactableField Field)[] map =
        [
            (FieldRedactions.ReportingOrganisation, RedactableField.ReportingOrganisation),
            (FieldRedactions.InternalNotes, RedactableField.InternalNotes),
            (FieldRedactions.Description, RedactableField.Description),
            (FieldRedactions.KillChainPhases, RedactableField.KillChainPhases),
            (FieldRedactions.Tags, RedactableField.Tags),
        ];
        foreach (var (flag, field) in map)
        {
            if (flags.HasFlag(flag))
            {
                fields.Add(field);
            }
        }

        return fields.ToImmutable();
    }
}
