using CyberPledge.Partners.Grpc;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// The built-in templates (docs/partners.md). Both stop at TLP:AMBER (DESIGN.md Decision 10: AMBER+STRICT only by an
/// agreement that says so). The partner baseline shares network and file observables and CVEs, not e-mail addresses
/// (personal data), weaker hashes or ASNs, leaves out who reported and the internal notes, holds each version back an
/// hour and forbids re-sharing.
/// </summary>
internal static class AgreementTemplates
{
    private static readonly IndicatorType[] PartnerTypes =
    [
        IndicatorType.Ipv4, IndicatorType.Ipv6, IndicatorType.Cidr, IndicatorType.Domain, IndicatorType.Url,
        IndicatorType.Sha256, IndicatorType.Cve,
    ];

    public static AgreementRules Rules(AgreementTemplate template, Tier tier) => template switch
    {
        AgreementTemplate.AllyBaseline => AllyBaseline(),
        AgreementTemplate.PartnerBaseline => PartnerBaseline(),
        AgreementTemplate.Unspecified when tier == Tier.Ally => AllyBaseline(),
        AgreementTemplate.Unspecified when tier == Tier.Partner => PartnerBaseline(),
        _ => throw Refusals.InvalidArgument("template", "name a template, or a tier for its baseline"),
    };

    private static AgreementRules AllyBaseline() => new()
    {
        MaxTlp = Tlp.Amber,
        IndicatorTypes = { Defined<IndicatorType>() },
        Sectors = { Defined<Sector>() },
        MinConfidence = 0,
        MayReshare = true,
        HopLimit = 2,
    };

    private static AgreementRules PartnerBaseline() => new()
    {
        MaxTlp = Tlp.Green,
        IndicatorTypes = { PartnerTypes },
        Sectors = { Defined<Sector>() },
        MinConfidence = 0,
        Embargo = Duration.FromTimeSpan(TimeSpan.FromHours(1)),
        Redactions = { RedactableField.ReportingOrganisation, RedactableField.InternalNotes },
        MayReshare = false,
        HopLimit = 0,
    };

    private static IEnumerable<T> Defined<T>() where T : struct, System.Enum =>
        System.Enum.GetValues<T>().Where(value => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0);
}
