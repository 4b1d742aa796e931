using CyberPledge.Deploy.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests;

/// <summary>Keys, certificates and connection strings come from Secrets named in docs/deploy.md, never from the tree.</summary>
public sealed class SecretReferenceTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Render_Overlay_HoldsNoSecretObject(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.Empty(rendered.OfKind("Secret"));
        Assert.DoesNotContain("PRIVATE KEY", rendered.Yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", rendered.Yaml, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task SecretReferences_EveryOne_NamesADocumentedSecretAndKey(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        var documentation = await File.ReadAllTextAsync(RepositoryPaths.Combine("docs", "deploy.md"));
        var references = new List<(string Where, string Secret, string? Key)>();
        foreach (var (workload, pod, container) in rendered.Containers())
        {
            references.AddRange((container["env"]?.AsArray() ?? []).Select(v => v!["valueFrom"]?["secretKeyRef"])
                .Where(r => r is not null)
                .Select(r => ($"{workload} env", (string)r!["name"]!, (string?)r["key"])));
        }
        foreach (var (workload, pod) in rendered.PodSpecs())
        {
            foreach (var secret in (pod["volumes"]?.AsArray() ?? []).Select(v => v!["secret"]).Where(s => s is not null))
            {
                // Listing the items keeps each pod to the keys it needs (the gateway never gets the public key file).
                var items = secret!["items"]?.AsArray() ?? throw new Xunit.Sdk.XunitException($"{overlay} {workload}: Secret {secret["secretName"]} lists no items");
                references.AddRange(items.Select(i => ($"{workload} volume", (string)secret["secretName"]!, (string?)i!["key"])));
            }
        }

        Assert.NotEmpty(references);
        Assert.All(references, r =>
        {
            Assert.True(DevelopmentSecrets.Documented.TryGetValue(r.Secret, out var keys), $"{overlay} {r.Where}: Secret {r.Secret} is not documented");
            Assert.Matches(keys!, r.Key ?? "");
            Assert.Contains($"`{r.Secret}`", documentation, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task InternalKey_ServicesThatOnlyVerify_GetOnlyItsPublicHalf(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        string[] KeysOf(string deployment) => [.. rendered.Get("Deployment", deployment)["spec"]!["template"]!["spec"]!["volumes"]!.AsArray()
            .Where(v => (string?)v!["secret"]?["secretName"] == "cyberpledge-internal-key")
            .SelectMany(v => v!["secret"]!["items"]!.AsArray().Select(i => (string)i!["key"]!))];
        Assert.Equal(["internal-key-public.pem"], KeysOf("indicators"));
        // The gateway signs with the key and must never trust it as an issuer of callers' tokens.
        Assert.Equal(["internal-key.pem"], KeysOf("gateway"));
        var gatewayEnvironment = rendered.Get("Deployment", "gateway")["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.DoesNotContain(gatewayEnvironment, v => ((string)v!["name"]!).StartsWith("Identity__InternalIssuer", StringComparison.Ordinal));
    }
}
