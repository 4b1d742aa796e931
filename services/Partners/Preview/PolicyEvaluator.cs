using CyberPledge.Partners.Agreements;
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
        return (decision.Allowed, decision.Reason, decision.Rule, Redactions.ToFields(decision.Redactions), decision.ReleaseAt);
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
                Redactions = Redactions.ToFlags(rules.Redactions),
                MayReshare = rules.MayReshare,
                HopLimit = rules.HopLimit,
            },
        };
    }
}
