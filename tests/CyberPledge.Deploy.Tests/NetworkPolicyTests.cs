using System.Text.Json.Nodes;
using CyberPledge.Deploy.Tests.Support;

namespace CyberPledge.Deploy.Tests;

/// <summary>
/// Deny by default; the world reaches only the gateway's HTTPS port; each service only from the pods that call it;
/// PostgreSQL only from the services with a store, at the address the overlay configures.
/// </summary>
public sealed class NetworkPolicyTests
{
    private const string PlaceholderDatabase = "192.0.2.1/32";

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Policies_Namespace_DeniesEverythingByDefault(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var deny = rendered.Get("NetworkPolicy", "default-deny")["spec"]!;
        Assert.Empty(deny["podSelector"]!.AsObject());
        Assert.Equal(["Ingress", "Egress"], deny["policyTypes"]!.AsArray().Select(t => (string?)t));
        Assert.Null(deny["ingress"]);
        Assert.Null(deny["egress"]);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Ingress_FromOutsideThePods_OnlyToTheGatewaysHttpsPort(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var open = IngressRules(rendered).Where(r => r.Rule["from"] is null
            || r.Rule["from"]!.AsArray().Any(peer => peer!["podSelector"] is null || peer["namespaceSelector"] is not null)).ToList();
        var rule = Assert.Single(open);
        Assert.Equal("gateway", rule.Target);
        Assert.Equal([8443], rule.Rule["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<int>()));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Ingress_Services_OnlyFromTheGatewayAndTheServicesThatCallThem(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var allowed = new Dictionary<string, string[]>
        {
            ["indicators"] = ["federation", "gateway", "partners"],
            ["partners"] = ["federation", "gateway"],
            ["federation"] = ["gateway"],
        };

        foreach (var (service, callers) in allowed)
        {
            var sources = IngressRules(rendered).Where(r => r.Target == service)
                .SelectMany(r => r.Rule["from"]!.AsArray().Select(peer => (string?)peer!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"]))
                .Distinct().Order();
            Assert.Equal(callers, sources);
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Egress_ToPostgres_OnlyFromTheStoresAtTheConfiguredAddress(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var policy = rendered.Get("NetworkPolicy", "postgres-egress")["spec"]!;
        var selected = policy["podSelector"]!["matchExpressions"]![0]!["values"]!.AsArray().Select(v => (string?)v).Order();
        Assert.Equal(["federation", "indicators", "partners"], selected);
        var rule = Assert.Single(policy["egress"]!.AsArray())!;
        Assert.Equal([5432], rule["ports"]!.AsArray().Select(p => p!["port"]!.GetValue<int>()));
        var destination = Assert.Single(rule["to"]!.AsArray())!;
        if (overlay == Overlays.Development)
        {
            Assert.Equal("postgres", (string?)destination["podSelector"]!["matchLabels"]!["app.kubernetes.io/name"]);
        }
        else
        {
            var cidr = (string?)destination["ipBlock"]!["cidr"];
            Assert.True(System.Net.IPNetwork.TryParse(cidr, out _), $"{overlay}: {cidr} is not a CIDR");
            Assert.NotEqual(PlaceholderDatabase, cidr);
        }
    }

    private static IEnumerable<(string Target, JsonObject Rule)> IngressRules(RenderedOverlay rendered) =>
        rendered.OfKind("NetworkPolicy").SelectMany(policy =>
            (policy["spec"]!["ingress"]?.AsArray() ?? []).Select(rule =>
                ((string?)policy["spec"]!["podSelector"]!["matchLabels"]?["app.kubernetes.io/name"] ?? "*", (JsonObject)rule!)));
}
