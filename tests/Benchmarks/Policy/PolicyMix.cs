using CyberPledge.Policy;
using CyberPledge.V1;
// The policy model, not the wire message of the same name.
using AgreementRules = CyberPledge.Policy.AgreementRules;
using SharingAgreement = CyberPledge.Policy.SharingAgreement;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Benchmarks.Policy;

/// <summary>
/// The realistic mix the policy benchmark decides over, built before the clock starts: 20 agreements (allies on
/// variations of the ally baseline, partners on the partner baseline, three grantees holding two agreements, one
/// agreement suspended), versions of every type and TLP level with random sectors and confidences, mostly this node's
/// own and some relayed, each addressed to a random grantee.
/// </summary>
internal sealed class PolicyMix
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Allies = ["FRA", "DEU", "ITA", "ESP", "POL", "BEL", "DNK", "NOR", "SWE", "USA", "GBR", "CAN"];
    private static readonly string[] Partners = ["JPN", "KOR", "AUS", "NZL", "UKR"];

    private PolicyMix(SharingAgreement[] agreements, Indicator[] versions, Delivery[] deliveries)
    {
        Agreements = agreements;
        Versions = versions;
        Deliveries = deliveries;
    }

    public SharingAgreement[] Agreements { get; }

    public Indicator[] Versions { get; }

    public Delivery[] Deliveries { get; }

    /// <summary>One decision to make: which version, to whom, how.</summary>
    public readonly record struct Delivery(int Version, string Grantee, DeliveryContext Context);

    public static PolicyMix Create(int versionCount, int deliveryCount, int seed)
    {
        var random = new Random(seed);
        var agreements = new List<SharingAgreement>();
        for (var i = 0; i < Allies.Length; i++)
        {
            var rules = AgreementTemplates.AllyBaseline() with
            {
                MaxTlp = i % 5 == 0 ? Tlp.AmberStrict : Tlp.Amber,
                MinConfidence = (uint)(i % 4 * 10),
                Embargo = i % 3 == 0 ? TimeSpan.FromMinutes(30) : TimeSpan.Zero,
            };
            agreements.Add(Agreement($"{Allies[i]}-2026-01", Allies[i], Tier.Ally, rules, i == 7 ? AgreementStatus.Suspended : AgreementStatus.Active));
        }

        foreach (var partner in Partners)
        {
            agreements.Add(Agreement($"{partner}-2026-01", partner, Tier.Partner, AgreementTemplates.PartnerBaseline(), AgreementStatus.Active));
        }

        // 12 allies and 5 partners, and a second agreement for three of them (deny overrides allow across both): 20.
        agreements.Add(Agreement("FRA-2026-02", "FRA", Tier.Ally, AgreementTemplates.AllyBaseline() with { Sectors = [Sector.Energy, Sector.Water, Sector.Finance] }, AgreementStatus.Active));
        agreements.Add(Agreement("JPN-2026-02", "JPN", Tier.Partner, AgreementTemplates.PartnerBaseline() with { MaxTlp = Tlp.Green }, AgreementStatus.Active));
        agreements.Add(Agreement("USA-2026-02", "USA", Tier.Ally, AgreementTemplates.AllyBaseline() with { MinSeverity = Severity.Medium }, AgreementStatus.Active));

        var grantees = agreements.Select(a => a.Grantee).Distinct().Append("CHE").ToArray(); // CHE: no agreement
        var versions = Enumerable.Range(0, versionCount).Select(n => Version(n, random)).ToArray();
        var deliveries = Enumerable.Range(0, deliveryCount).Select(_ => new Delivery(
            random.Next(versionCount),
            grantees[random.Next(grantees.Length)],
            random.Next(5) == 0 ? DeliveryContext.Relay(random.Next(3)) : DeliveryContext.Own)).ToArray();
        return new PolicyMix([.. agreements], versions, deliveries);
    }

    private static SharingAgreement Agreement(string id, string grantee, Tier tier, AgreementRules rules, AgreementStatus status) => new()
    {
        Id = id,
        Version = 3,
        Grantee = grantee,
        Tier = tier,
        Status = status,
        ValidFrom = Now.AddDays(-100),
        ValidUntil = Now.AddDays(265),
        Rules = rules,
    };

    private static Indicator Version(int n, Random random)
    {
        var created = Now.AddMinutes(-random.Next(60 * 24 * 30));
        var version = new Indicator
        {
            Id = Guid.CreateVersion7(created).ToString(),
            Type = (IndicatorType)(1 + (n % 11)),
            Value = "v" + n,
            Tlp = (Tlp)(1 + random.Next(5)),
            Confidence = (uint)random.Next(101),
            Severity = (Severity)random.Next(5),
            Sensitive = new SensitiveFields { Salt = ByteString.CopyFrom(new byte[16]), ReportingOrganisation = "CERT", InternalNotes = "notes" },
            Origin = new Origin { Nation = "NLD", NodeId = "node-1" },
            Version = 1,
            Distribution = new Distribution { MayReshare = random.Next(4) != 0, HopLimit = (uint)random.Next(4) },
            Created = Timestamp.FromDateTimeOffset(created),
            Modified = Timestamp.FromDateTimeOffset(created.AddMinutes(random.Next(600))),
        };
        for (var s = 1; s <= 8; s++)
        {
            if (random.Next(4) == 0)
            {
                version.Sectors.Add((Sector)s);
            }
        }

        if (random.Next(3) == 0)
        {
            version.Description = "seen in a phishing campaign";
        }

        return version;
    }
}
