using System.Text.Encodings.Web;
using System.Text.Json;
using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Topology;
using CyberPledge.AppHost.Wiring;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.AppHost.Run;

/// <summary>
/// The connection file (connection.json in the run directory, mode 0600: it holds tokens): for each node its gateway,
/// its nation's CA certificate and development tokens per role, so scripts and any gRPC stack can call the
/// federation, and the command line finds a node by <c>--node NLD</c>. Written after wiring and again every hour
/// with fresh tokens (each valid 12 hours).
/// </summary>
internal static class ConnectionFile
{
    /// <summary>How long the tokens in the file are valid.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    // Relaxed escaping: the PEM's "+" and "/" stay readable; the file is JSON for scripts, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, FederationTopology topology, IReadOnlyDictionary<string, NodeMaterial> materials, PortMap ports, DevelopmentTokenSet tokens)
    {
        var now = DateTimeOffset.UtcNow;
        var nodes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var node in topology.Nodes)
        {
            var material = materials[node.Nation];
            var roles = new List<string> { Roles.Admin, Roles.Analyst };
            roles.AddRange(topology.PartnersOf(node.Nation).Select(Roles.Partner));
            nodes[node.Nation] = new Dictionary<string, object>
            {
                ["nation"] = node.Nation,
                ["nodeId"] = node.NodeId,
                ["name"] = node.Name,
                ["tier"] = node.Tier == V1.Tier.Ally ? "ally" : "partner",
                ["gateway"] = $"https://127.0.0.1:{ports[node.Nation, ServiceKind.Gateway]}",
                ["caCertificateFile"] = material.CaFile,
                ["caCertificatePem"] = material.Ca.ExportCertificatePem() + "\n",
                ["caSha256"] = CertificateFiles.Sha256Fingerprint(material.Ca),
                ["tokens"] = roles.ToDictionary(role => role, role => tokens.Mint(node.Nation, role, TokenLifetime)),
            };
        }
        var document = new Dictionary<string, object>
        {
            ["development"] = true,
            ["warning"] = "Development material made by CyberPledge AppHost at run time: never use these CAs or tokens outside a local run.",
            ["topology"] = topology.Description,
            ["written"] = now.ToString("O"),
            ["tokensValidUntil"] = (now + TokenLifetime).ToString("O"),
            ["audience"] = ServiceLaunch.Audience,
            ["nodes"] = nodes,
        };
        OwnerOnlyFiles.WritePrivate(path, JsonSerializer.Serialize(document, Indented) + "\n");
    }
}
