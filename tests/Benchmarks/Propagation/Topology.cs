using System.Globalization;

namespace CyberPledge.Benchmarks.Propagation;

/// <summary>
/// Who the nodes are and who links to whom (DESIGN.md Decision 15): allies (NATO nations) in a full mesh, each partner
/// linked to two allies (one when only one exists) under a restricted partner agreement.
/// </summary>
internal sealed class Topology
{
    /// <summary>NATO members, in the order the benchmark takes them.</summary>
    private static readonly string[] AllyNations =
    [
        "NLD", "DEU", "FRA", "GBR", "USA", "POL", "ITA", "ESP", "BEL", "DNK", "NOR", "CAN", "PRT", "LUX", "ISL", "GRC",
        "TUR", "CZE", "HUN", "SVK", "SVN", "EST", "LVA", "LTU", "ROU", "BGR", "HRV", "ALB", "MNE", "MKD", "FIN", "SWE",
    ];

    private static readonly string[] PartnerNations = ["JPN", "KOR", "AUS", "NZL", "UKR", "IRL", "AUT", "CHE", "SGP", "ISR"];

    private readonly Dictionary<string, string[]> _partnerLinks;

    private Topology(string[] allies, string[] partners)
    {
        Allies = allies;
        Partners = partners;
        _partnerLinks = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < partners.Length; i++)
        {
            // Spread over the allies: partner i takes allies 2i and 2i+1 (wrapping round).
            var first = allies[2 * i % allies.Length];
            var second = allies[((2 * i) + 1) % allies.Length];
            _partnerLinks[partners[i]] = first == second ? [first] : [first, second];
        }
    }

    public IReadOnlyList<string> Allies { get; }

    public IReadOnlyList<string> Partners { get; }

    public IEnumerable<string> Nations => Allies.Concat(Partners);

    /// <summary>round(N * 5 / 32) partners (at least one from 3 nodes on), the rest allies.</summary>
    public static Topology For(int nodes)
    {
        if (nodes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), "at least 2 nodes");
        }

        var partners = (int)Math.Round(nodes * 5 / 32.0, MidpointRounding.AwayFromZero);
        if (nodes >= 3)
        {
            partners = Math.Max(1, partners);
        }

        var allies = nodes - partners;
        if (allies > AllyNations.Length || partners > PartnerNations.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(nodes), string.Create(CultureInfo.InvariantCulture,
                $"at most {AllyNations.Length} allies and {PartnerNations.Length} partners ({nodes} nodes asks for {allies} and {partners})"));
        }

        return new Topology(AllyNations[..allies], PartnerNations[..partners]);
    }

    public bool IsAlly(string nation) => Allies.Contains(nation, StringComparer.Ordinal);

    public bool IsPartner(string nation) => _partnerLinks.ContainsKey(nation);

    /// <summary>The allies <paramref name="partner"/> subscribes to.</summary>
    public IReadOnlyList<string> LinksOf(string partner) => _partnerLinks[partner];

    /// <summary>The partners subscribed to <paramref name="ally"/>.</summary>
    public IEnumerable<string> PartnersOf(string ally) => _partnerLinks.Where(p => p.Value.Contains(ally, StringComparer.Ordinal)).Select(p => p.Key);
}
