using System.Text.Json;
using System.Text.Json.Serialization;
using CyberPledge.ServiceDefaults;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;

namespace CyberPledge.AppHost.Topology;

/// <summary>
/// A topology file (JSON, docs/apphost.md): the nodes, whether the allies form a full mesh, and the other links.
/// <c>default</c>, <c>8</c> and <c>32</c> name the files shipped in AppHost/topologies.
/// </summary>
internal static class TopologyFile
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["default"] = "default.json",
        ["8"] = "federation-8.json",
        ["32"] = "federation-32.json",
    };

    /// <summary>The file a <c>--topology</c> value names: a built-in name or a path.</summary>
    public static string Resolve(string nameOrPath) => BuiltIn.TryGetValue(nameOrPath, out var file)
        ? Path.Combine(AppContext.BaseDirectory, "topologies", file)
        : Path.GetFullPath(nameOrPath);

    /// <summary>Reads and checks a topology file.</summary>
    /// <exception cref="TopologyException">The file is missing, malformed or inconsistent (the message says where).</exception>
    public static FederationTopology Load(string path)
    {
        Document document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json) ?? throw new TopologyException($"{path}: empty");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new TopologyException($"{path}: {e.Message}", e);
        }

        return Expand(document, path);
    }

    private static FederationTopology Expand(Document document, string path)
    {
        var nodes = new List<NodeSpec>();
        foreach (var node in document.Nodes ?? throw new TopologyException($"{path}: \"nodes\" is required"))
        {
            if (!NationCodes.TryNormalize(node.Nation, out var nation))
            {
                throw new TopologyException($"{path}: \"{node.Nation}\" is not an ISO 3166-1 nation code");
            }
            if (nodes.Any(n => n.Nation == nation))
            {
                throw new TopologyException($"{path}: {nation} is listed twice");
            }
            var nodeId = node.NodeId ?? "node-1";
            if (!Roles.IsNodeId(nodeId))
            {
                throw new TopologyException($"{path}: {nation}: \"{nodeId}\" is not a node id (lower-case letters, digits, dots, hyphens)");
            }
            var tier = node.Tier?.ToLowerInvariant() switch
            {
                null or "ally" => Tier.Ally,
                "partner" => Tier.Partner,
                _ => throw new TopologyException($"{path}: {nation}: tier \"{node.Tier}\" is neither ally nor partner"),
            };
            nodes.Add(new NodeSpec(nation, nodeId, tier, node.Name ?? nation));
        }
        if (nodes.Count == 0)
        {
            throw new TopologyException($"{path}: no nodes");
        }

        var links = new List<LinkSpec>();
        void Add(string a, string b, TimeSpan? embargo)
        {
            if (a == b || links.Any(l => l.Joins(a, b)))
            {
                return;
            }
            var tier = nodes.First(n => n.Nation == a).Tier == Tier.Ally && nodes.First(n => n.Nation == b).Tier == Tier.Ally ? Tier.Ally : Tier.Partner;
            links.Add(new LinkSpec(a, b, tier, embargo));
        }

        // Listed links first, so one listed between two allies keeps its embargo instead of the mesh's default.
        foreach (var link in document.Links ?? [])
        {
            if (link.Between is not { Length: 2 })
            {
                throw new TopologyException($"{path}: a link names two nations in \"between\"");
            }
            var ends = link.Between.Select(code => NationCodes.TryNormalize(code, out var n) && nodes.Any(x => x.Nation == n)
                ? n
                : throw new TopologyException($"{path}: link {string.Join('-', link.Between)}: \"{code}\" is not one of the nodes")).ToArray();
            if (link.Embargo is { } embargo && (embargo < TimeSpan.Zero || embargo > TimeSpan.FromDays(365)))
            {
                throw new TopologyException($"{path}: link {ends[0]}-{ends[1]}: embargo {embargo} is outside 0 to 365 days");
            }
            Add(ends[0], ends[1], link.Embargo);
        }
        if (document.AllyMesh)
        {
            var allies = nodes.Where(n => n.Tier == Tier.Ally).Select(n => n.Nation).ToList();
            for (var i = 0; i < allies.Count; i++)
            {
                for (var j = i + 1; j < allies.Count; j++)
                {
                    Add(allies[i], allies[j], null);
                }
            }
        }
        return new FederationTopology(document.Description ?? Path.GetFileNameWithoutExtension(path), nodes, links);
    }

    private sealed class Document
    {
        public string? Description { get; set; }

        public List<NodeEntry>? Nodes { get; set; }

        public bool AllyMesh { get; set; }

        public List<LinkEntry>? Links { get; set; }
    }

    private sealed class NodeEntry
    {
        public string Nation { get; set; } = "";

        public string? NodeId { get; set; }

        public string? Tier { get; set; }

        public string? Name { get; set; }
    }

    private sealed class LinkEntry
    {
        public string[]? Between { get; set; }

        public TimeSpan? Embargo { get; set; }
    }
}

/// <summary>A topology file that cannot be used; the message names the file and the problem.</summary>
internal sealed class TopologyException(string message, Exception? inner = null) : Exception(message, inner);
