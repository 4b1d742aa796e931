using CyberPledge.V1;

namespace CyberPledge.Partners.Preview;

/// <summary>
/// One decision of the policy engine (libs/CyberPledge.Policy): may an indicator version go to an agreement's grantee
/// at a given time? Preview and Explain run it; the host registers the engine
/// behind it (Preview and Explain answer UNIMPLEMENTED while none is).
/// </summary>
internal interface IAgreementEvaluator
{
    /// <summary>The decision: allowed or not, why, which rule decided, what to redact, and when an embargoed version is released.</summary>
    (bool Allowed, string Reason, string Rule, IReadOnlyList<RedactableField> Redactions, DateTimeOffset? ReleaseAt) Evaluate(
        SharingAgreement agreement, Indicator version, DateTimeOffset at);
}
