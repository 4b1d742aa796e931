using CyberPledge.Testing;
using CyberPledge.V1;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Tests.Support;

/// <summary>Random canonical encoding v2 versions: every redactable field sometimes empty, sometimes full.</summary>
internal static class V2Generators
{
    private static readonly string[] Texts = ["", "x", "ANSSI", "case 7: see ticket", "é 漢字 \U0001F600", "line\nbreak\ttab"];

    private static readonly KillChainPhase[] Phases =
    [
        new() { KillChainName = "lockheed-martin-cyber-kill-chain", PhaseName = "delivery" },
        new() { KillChainName = "mitre-attack", PhaseName = "execution" },
        new() { KillChainName = "mitre-attack", PhaseName = "persistence" },
    ];

    public static Gen<string> Text => Gen.Elements(Texts);

    public static Gen<Indicator> Unsigned =>
        from organisation in Text
        from notes in Text
        from description in Text
        from tags in Gen.SubListOf(["apt28", "c2", "phishing", "ransomware"])
        from phases in Gen.SubListOf(Phases)
        from exercise in Gen.Elements(false, true)
        from mayReshare in Gen.Elements(false, true)
        from hopLimit in Gen.Choose(1, 16)
        from tiers in Gen.SubListOf([Tier.Ally, Tier.Partner])
        from nations in Gen.SubListOf(["AUS", "JPN", "KOR", "NZL", "UKR"])
        from maxRelayTlp in Gen.Choose(1, 3)
        from version in Gen.Choose(1, 1000)
        from validUntil in Gen.Elements(false, true)
        select Build(organisation, notes, description, tags, phases, exercise,
            mayReshare ? new Distribution { MayReshare = true, HopLimit = (uint)hopLimit, RelayAudience = new RelayAudience { Tiers = { tiers }, Nations = { nations } }, MaxRelayTlp = (Tlp)maxRelayTlp }
                : new Distribution(),
            (ulong)version, validUntil);

    /// <summary>A set of fields to redact: any of the 32.</summary>
    public static Gen<RedactableFields> Redactions => Gen.Choose(0, (int)RedactableFields.All).Select(r => (RedactableFields)r);

    private static Indicator Build(string organisation, string notes, string description, IList<string> tags, IList<KillChainPhase> phases,
        bool exercise, Distribution distribution, ulong version, bool validUntil)
    {
        var indicator = ForeignVersions.Unsigned(nation: "FRA", version: version);
        indicator.Sensitive = new SensitiveFields { ReportingOrganisation = organisation, InternalNotes = notes };
        indicator.Description = description;
        indicator.Tags.Clear();
        indicator.Tags.Add(tags);
        indicator.KillChainPhases.Add(phases.Select(p => p.Clone()));
        indicator.Exercise = exercise;
        indicator.Distribution = distribution;
        if (validUntil)
        {
            indicator.ValidUntil = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        }

        IndicatorRedaction.Commit(indicator);
        return indicator;
    }
}
