using CyberPledge.Partners.Preview;
using CyberPledge.V1;

namespace CyberPledge.Partners.Tests.Support;

/// <summary>
/// A stand-in for the policy engine, enough to check Preview's and Explain's aggregation: a plain reading of the
/// agreement's maximum TLP and indicator types, nothing more.
/// </summary>
internal sealed class TestEvaluator : IAgreementEvaluator
{
    public (bool Allowed, string Reason, string Rule, IReadOnlyList<RedactableField> Redactions, DateTimeOffset? ReleaseAt) Evaluate(
        SharingAgreement agreement, Indicator version, DateTimeOffset at)
    {
        if (version.Tlp > agreement.Rules.MaxTlp)
        {
            return (false, $"withheld: TLP {version.Tlp} exceeds {agreement.Id} maximum {agreement.Rules.MaxTlp}", "max_tlp", [], null);
        }

        if (!agreement.Rules.IndicatorTypes.Contains(version.Type))
        {
            return (false, $"withheld: type {version.Type} not in {agreement.Id}", "indicator_types", [], null);
        }

        return (true, $"shared under {agreement.Id} v{agreement.Version}", "", agreement.Rules.Redactions, at.AddHours(1));
    }
}
