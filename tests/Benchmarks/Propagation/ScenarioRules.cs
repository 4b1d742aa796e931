using CyberPledge.V1;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// The scenario's agreements, written once: what every ally grants every other ally, and the restricted agreement an
/// ally grants a partner linked to it. <see cref="Expectation"/> reads the same constants with plain conditions.
/// </summary>
internal static class ScenarioRules
{
    /// <summary>Allies: everything up to AMBER+STRICT (never RED, a fixed rule), every type and sector.</summary>
    public const Tlp AllyMaxTlp = Tlp.AmberStrict;

    /// <summary>Partners: up to GREEN.</summary>
    public const Tlp PartnerMaxTlp = Tlp.Green;

    /// <summary>A partner's relayed versions: at most this many relays past the origin (a linked ally's relay is one).</summary>
    public const uint PartnerHopLimit = 1;

    /// <summary>Allies get everything but the origin's internal notes.</summary>
    public static readonly RedactableField[] AllyRedactions = [RedactableField.InternalNotes];

    /// <summary>Partners get neither notes, reporting organisation nor description.</summary>
    public static readonly RedactableField[] PartnerRedactions = [RedactableField.InternalNotes, RedactableField.ReportingOrganisation, RedactableField.Description];

    /// <summary>The types a partner gets (a subset: no e-mail addresses, MD5 hashes or CVEs).</summary>
    public static readonly IndicatorType[] PartnerTypes = [IndicatorType.Ipv4, IndicatorType.Domain, IndicatorType.Url, IndicatorType.Sha256];

    /// <summary>The sectors a partner gets (not government or defence).</summary>
    public static readonly Sector[] PartnerSectors =
        [Sector.Energy, Sector.Transport, Sector.Communications, Sector.Water, Sector.Healthcare, Sector.Finance];

    public static AgreementRules Ally() => new()
    {
        MaxTlp = AllyMaxTlp,
        IndicatorTypes = { Enum.GetValues<IndicatorType>().Where(t => t != IndicatorType.Unspecified) },
        Sectors = { Enum.GetValues<Sector>().Where(s => s != Sector.Unspecified) },
        Redactions = { AllyRedactions },
        // Allies in a full mesh get each other's versions directly (Decision 6): nothing is relayed between them.
        MayReshare = true,
        HopLimit = 1,
    };

    public static AgreementRules Partner() => new()
    {
        MaxTlp = PartnerMaxTlp,
        IndicatorTypes = { PartnerTypes },
        Sectors = { PartnerSectors },
        Redactions = { PartnerRedactions },
        // The engine reads these as "the partner may receive relayed versions, one relay deep": an ally relays other
        // allies' versions to its partners where the origin's signed distribution allows it.
        MayReshare = true,
        HopLimit = PartnerHopLimit,
    };
}
