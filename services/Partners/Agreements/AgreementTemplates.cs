using CyberPledge.Partners.Grpc;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Baselines = CyberPledge.Policy.AgreementTemplates;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// The built-in templates as the API serves them: the policy library's baselines (one definition for the service, the
/// engine and its tests), written as protobuf rules.
/// </summary>
internal static class AgreementTemplates
{
    /// <summary>The rules of <paramref name="template"/>, or of <paramref name="tier"/>'s baseline when no template is named.</summary>
    public static AgreementRules Rules(AgreementTemplate template, Tier tier) => template switch
    {
        AgreementTemplate.AllyBaseline => ToProto(Baselines.AllyBaseline()),
        AgreementTemplate.PartnerBaseline => ToProto(Baselines.PartnerBaseline()),
        AgreementTemplate.Unspecified when tier is Tier.Ally or Tier.Partner => ToProto(Baselines.BaselineFor(tier)),
        _ => throw Refusals.InvalidArgument("template", "name a template, or a tier for its baseline"),
    };

    private static AgreementRules ToProto(Policy.AgreementRules rules)
    {
        var proto = new AgreementRules
        {
            MaxTlp = rules.MaxTlp,
            IndicatorTypes = { rules.IndicatorTypes },
            Sectors = { rules.Sectors },
            MinConfidence = rules.MinConfidence,
            MinSeverity = rules.MinSeverity,
            MayReshare = rules.MayReshare,
            HopLimit = rules.HopLimit,
            ShareImported = rules.ShareImported,
        };
        if (rules.Embargo > TimeSpan.Zero)
        {
            proto.Embargo = Duration.FromTimeSpan(rules.Embargo);
        }

        proto.Redactions.Add(CyberPledge.Policy.AgreementContracts.ToFields(rules.Redactions));
        return proto;
    }
}
