using CyberPledge.AppHost.Run;
using CyberPledge.AppHost.Topology;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.AppHost.Processes;

/// <summary>How one service of one node is started: <c>dotnet ASSEMBLY switches</c> with its environment.</summary>
internal sealed record ServiceLaunch(string Nation, ServiceKind Kind, int Port, string Assembly, IReadOnlyList<string> Arguments,
    IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>The audience every service of a node expects (their appsettings.json default).</summary>
    public const string Audience = "cyberpledge";

    /// <summary>
    /// The runtime settings of every service process (docs/apphost.md "Memory"): one workstation heap instead of a
    /// server heap per core, a small first generation, and tiered compilation without dynamic PGO's instrumented tier,
    /// whose profiles a development federation does not need; and no watch on appsettings.json for changes, which
    /// would take one of the user's inotify instances (128 by default on Linux) per process. A variable set in
    /// AppHost's own environment wins, so other settings can be measured without a build.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RuntimeSettings { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DOTNET_gcServer"] = "0",
        ["DOTNET_GCgen0size"] = "0x400000",
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_hostBuilder__reloadConfigOnChange"] = "false",
    }.Where(setting => System.Environment.GetEnvironmentVariable(setting.Key) is null).ToDictionary(StringComparer.Ordinal);

    /// <summary>The address the service listens on (the gateway's is HTTPS).</summary>
    public Uri Address => new(Kind == ServiceKind.Gateway ? $"https://127.0.0.1:{Port}" : $"http://127.0.0.1:{Port}");

    /// <summary>The four services of <paramref name="material"/>'s node, in start order.</summary>
    public static IReadOnlyList<ServiceLaunch> ForNode(NodeMaterial material, PortMap ports, FederationTopology topology, IReadOnlyDictionary<string, string> identityProviderKeys)
    {
        var nation = material.Node.Nation;
        string Local(ServiceKind kind) => $"http://127.0.0.1:{ports[nation, kind]}";

        var services = new Dictionary<string, string>(RuntimeSettings, StringComparer.Ordinal)
        {
            // Behind the gateway the services trust the node's internal issuer only (docs/gateway.md).
            ["Identity__Audience"] = Audience,
            ["Identity__InternalIssuer__Issuer"] = material.InternalIssuer,
            ["Identity__InternalIssuer__PublicKeyFile"] = material.InternalPublicKeyFile,
        };
        var federation = new Dictionary<string, string>(services, StringComparer.Ordinal)
        {
            // A link refused for want of an agreement tries again sooner than in production (30 s to 5 min): here
            // agreements are made while the links start, and a person activates a suspended one to see it resume.
            ["Federation__Links__FirstDeniedRetry"] = "00:00:02",
            ["Federation__Links__LongestDeniedRetry"] = "00:00:15",
        };

        var gateway = new Dictionary<string, string>(RuntimeSettings, StringComparer.Ordinal)
        {
            ["Identity__Audience"] = Audience,
            // The access log writes a line per call: the status table's polls would drown the other logs.
            ["Logging__LogLevel__CyberPledge.Gateway.Access"] = "Warning",
            // A link's stream ended by its subscriber (a reconnect) is a YARP warning with a stack trace each time.
            ["Logging__LogLevel__Yarp"] = "Error",
            ["Identity__TrustedIssuers__0__Issuer"] = material.IdentityProvider.Issuer,
            ["Identity__TrustedIssuers__0__PublicKeyFile"] = material.IdentityProviderPublicKeyFile,
            ["Identity__TrustedIssuers__0__AllowedRoles__0"] = Roles.Admin,
            ["Identity__TrustedIssuers__0__AllowedRoles__1"] = Roles.Analyst,
        };
        var index = 1;
        foreach (var partner in topology.PartnersOf(nation))
        {
            gateway[$"Identity__TrustedIssuers__{index}__Issuer"] = NodeMaterial.IdentityProviderName(partner);
            gateway[$"Identity__TrustedIssuers__{index}__PublicKeyFile"] = identityProviderKeys[partner];
            gateway[$"Identity__TrustedIssuers__{index}__AllowedRoles__0"] = Roles.Partner(partner);
            index++;
        }

        string[] production = ["--environment", "Production"];
        return
        [
            Make(ServiceKind.Indicators, services,
                ["--data-dir", material.DataDirectory("indicators"), "--nation", nation, "--node-id", material.Node.NodeId]),
            Make(ServiceKind.Partners, services,
                ["--data-dir", material.DataDirectory("partners"), "--indicators", Local(ServiceKind.Indicators), "--internal-key", material.InternalKeyFile]),
            Make(ServiceKind.Federation, federation,
            [
                "--data-dir", material.DataDirectory("federation"), "--indicators", Local(ServiceKind.Indicators), "--partners", Local(ServiceKind.Partners),
                "--internal-key", material.InternalKeyFile, "--internal-issuer", material.InternalIssuer,
                "--cert", material.NodeCertificateFile, "--key", material.NodeKeyFile,
            ]),
            Make(ServiceKind.Gateway, gateway,
            [
                "--cert", material.NodeCertificateFile, "--key", material.NodeKeyFile,
                "--internal-key", material.InternalKeyFile, "--internal-issuer", material.InternalIssuer,
                "--indicators", Local(ServiceKind.Indicators), "--partners", Local(ServiceKind.Partners), "--federation", Local(ServiceKind.Federation),
            ]),
        ];

        ServiceLaunch Make(ServiceKind kind, Dictionary<string, string> environment, string[] arguments)
        {
            var port = ports[nation, kind];
            var scheme = kind == ServiceKind.Gateway ? "https" : "http";
            return new ServiceLaunch(nation, kind, port, ServiceBuilds.Assembly(kind),
                [.. arguments, "--urls", $"{scheme}://127.0.0.1:{port}", .. production], environment);
        }
    }
}
