using CyberPledge.V1;

namespace CyberPledge.AppHost.Topology;

/// <summary>One node of the federation: a nation's four services.</summary>
/// <param name="Nation">ISO 3166-1 alpha-3, upper case.</param>
/// <param name="NodeId">The node id (certificate CN, origin node id).</param>
/// <param name="Tier">Ally or partner: the template of the agreements its links get.</param>
/// <param name="Name">A name for people.</param>
internal sealed record NodeSpec(string Nation, string NodeId, Tier Tier, string Name);

/// <summary>
/// A link between two nodes: each registers the other with its gateway and grants it an agreement, so feeds run both
/// ways (DESIGN.md Decision 13).
/// </summary>
/// <param name="First">One nation.</param>
/// <param name="Second">The other.</param>
/// <param name="Tier">Ally when both are allies (the ally baseline), else partner (the partner baseline).</param>
/// <param name="Embargo">Replaces the template's embargo when set.</param>
internal sealed record LinkSpec(string First, string Second, Tier Tier, TimeSpan? Embargo)
{
    public bool Joins(string a, string b) => (First == a && Second == b) || (First == b && Second == a);

    public string Other(string nation) => First == nation ? Second : First;
}

/// <summary>
/// What an administrator of <paramref name="Grantor"/> grants <paramref name="Grantee"/>: the rules of
/// <paramref name="Template"/>'s baseline, for the grantee's own tier (the one its registry entry holds).
/// </summary>
internal sealed record AgreementSpec(string Grantor, string Grantee, Tier Tier, Tier Template, TimeSpan? Embargo)
{
    /// <summary>The agreement's id in the grantor's store: one per grantee, so a second run finds it again.</summary>
    public string Id => "APPHOST-" + Grantee;
}

/// <summary>The federation AppHost runs, expanded from a topology file.</summary>
internal sealed class FederationTopology
{
    public FederationTopology(string description, IReadOnlyList<NodeSpec> nodes, IReadOnlyList<LinkSpec> links)
    {
        Description = description;
        Nodes = nodes;
        Links = links;
    }

    public string Description { get; }

    public IReadOnlyList<NodeSpec> Nodes { get; }

    public IReadOnlyList<LinkSpec> Links { get; }

    public NodeSpec Node(string nation) => Nodes.First(n => n.Nation == nation);

    /// <summary>Both directions of every link.</summary>
    public IEnumerable<AgreementSpec> Agreements => Links.SelectMany(link => new[]
    {
        new AgreementSpec(link.First, link.Second, Node(link.Second).Tier, link.Tier, link.Embargo),
        new AgreementSpec(link.Second, link.First, Node(link.First).Tier, link.Tier, link.Embargo),
    });

    /// <summary>Whether the two nodes are linked (each has the other's gateway in its registry).</summary>
    public bool Linked(string a, string b) => Links.Any(l => l.Joins(a, b));

    /// <summary>The partner nations linked to <paramref name="nation"/>, whose identity providers its gateway trusts for <c>partner:&lt;NATION&gt;</c>.</summary>
    public IEnumerable<string> PartnersOf(string nation) =>
        Links.Where(l => l.First == nation || l.Second == nation).Select(l => l.Other(nation)).Where(other => Node(other).Tier == Tier.Partner).Distinct();
}
