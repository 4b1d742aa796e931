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
        var decision = PolicyEngine.Evaluate(AgreementContracts.ToModel(agreement), version, at, DeliveryContext.Own);
        return (decision.Allowed, decision.Reason, decision.Rule, AgreementContracts.ToFields(decision.Redactions), decision.ReleaseAt);
    }
}
