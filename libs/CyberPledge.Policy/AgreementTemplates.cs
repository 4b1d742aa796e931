using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>The built-in starting points for an agreement's rules (Partners' GetTemplate and CreateAgreement).</summary>
public static class AgreementTemplates
{
    /// <summary>The critical-infrastructure sectors of the Cyber Defence Pledge, and finance.</summary>
    // Network and file observables and vulnerabilities; not e-mail addresses (personal data), AS numbers or the weak hashes.
    private static readonly IndicatorType[] PartnerTypes =
    [
        IndicatorType.Ipv4, IndicatorType.Ipv6, IndicatorType.Cidr, IndicatorType.Domain, IndicatorType.Url,
        IndicatorType.Sha256, IndicatorType.Cve,
    ];

    private static readonly Sector[] CivilSectors =
        [Sector.Energy, Sector.Transport, Sector.Communications, Sector.Water, Sector.Healthcare, Sector.Finance];

    /// <summary>
    /// For an ally: up to TLP:AMBER (AMBER+STRICT needs an explicit agreement, Decision 10), every type and sector, no
    /// minimums, no embargo, internal notes redacted (and with them the reporting organisation: one digest commits
    /// both), re-sharing allowed up to two relays. Incidents of every sector from severity low, their affected services
    /// redacted: allies defend with the sector, severity and guidance, while the list of a nation's affected services
    /// maps its weak points, which a compromised ally node would hand on (SECURITY.md's threat model); the nation
    /// helping on a support request learns them there. Support requests and offers both ways; sightings, up to two
    /// relays (Decision 13).
    /// </summary>
    public static AgreementRules AllyBaseline() => new()
    {
        MaxTlp = Tlp.Amber,
        IndicatorTypes = [.. Enum.GetValues<IndicatorType>().Where(t => t != IndicatorType.Unspecified)],
        Sectors = [.. Enum.GetValues<Sector>().Where(s => s != Sector.Unspecified)],
        Redactions = FieldRedactions.InternalNotes,
        MayReshare = true,
        HopLimit = 2,
        ShareImported = false,
        Incidents = new IncidentRules { Share = true, MinSeverity = Severity.Low, RedactAffectedServices = true },
        Support = SupportRules.Both,
        Sightings = SightingRules.Shared,
    };

    /// <summary>
    /// For a partner nation: at most TLP:GREEN (partner templates never exceed AMBER, Decision 10), network and file
    /// observables and CVEs (not e-mail addresses, AS numbers or MD5/SHA-1), the
    /// civil critical-infrastructure sectors and finance (not government or defence), confidence 50 and severity
    /// medium at least, a one-hour embargo, reporting organisation and internal notes redacted, no re-sharing.
    /// No incidents and no support requests or offers: a partner takes part in those only where its agreement says so
    /// explicitly (issue 13). Sightings yes: a partner receives only sightings of indicators it originated or relayed
    /// to this node, which tell it nothing it did not give but who saw them, and that feedback is what makes its
    /// sharing worth its while, as its own sightings reported back are for the allies.
    /// </summary>
    public static AgreementRules PartnerBaseline() => new()
    {
        MaxTlp = Tlp.Green,
        IndicatorTypes = [.. PartnerTypes],
        Sectors = [.. CivilSectors],
        MinConfidence = 50,
        MinSeverity = Severity.Medium,
        Embargo = TimeSpan.FromHours(1),
        Redactions = FieldRedactions.ReportingOrganisation | FieldRedactions.InternalNotes,
        MayReshare = false,
        HopLimit = 0,
        ShareImported = false,
        Incidents = IncidentRules.None,
        Support = SupportRules.None,
        Sightings = SightingRules.Shared,
    };

    /// <summary>The baseline for <paramref name="tier"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tier is neither ally nor partner.</exception>
    public static AgreementRules BaselineFor(Tier tier) => tier switch
    {
        Tier.Ally => AllyBaseline(),
        Tier.Partner => PartnerBaseline(),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "ally or partner"),
    };
}
