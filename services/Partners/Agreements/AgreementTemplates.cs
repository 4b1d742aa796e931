using CyberPledge.Partners.Grpc;
using CyberPledge.Policy;
using CyberPledge.V1;
using AgreementRules = CyberPledge.V1.AgreementRules;
using Baselines = CyberPledge.Policy.AgreementTemplates;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// The built-in templates as the API serves them: the policy library's baselines (one definition for the service, the
/// engine and its tests), written as protobuf rules (AgreementContracts.ToContract).
/// </summary>
internal static class AgreementTemplates
{
    /// <summary>The rules of <paramref name="template"/>, or of <paramref name="tier"/>'s baseline when no template is named.</summary>
    public static AgreementRules Rules(AgreementTemplate template, Tier tier) => template switch
    {
        AgreementTemplate.AllyBaseline => AgreementContracts.ToContract(Baselines.AllyBaseline()),
        AgreementTemplate.PartnerBaseline => AgreementContracts.ToContract(Baselines.PartnerBaseline()),
        AgreementTemplate.Unspecified when tier is Tier.Ally or Tier.Partner => AgreementContracts.ToContract(Baselines.BaselineFor(tier)),
        _ => throw Refusals.InvalidArgument("template", "name a template, or a tier for its baseline"),
    };
}
