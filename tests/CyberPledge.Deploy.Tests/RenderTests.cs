using CyberPledge.Deploy.Tests.Support;

namespace CyberPledge.Deploy.Tests;

/// <summary>Each overlay renders with kubectl kustomize into one whole node.</summary>
public sealed class RenderTests
{
    private static readonly string[] ServiceNames = ["indicators", "partners", "federation", "gateway"];

    [Fact]
    public void Overlays_OnDisk_AreTheNationsAndDevelopment()
    {
        Assert.Equal(["dev", "jpn", "nld"], Overlays.All);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Render_Overlay_HasEachServiceWithItsServiceAndBudget(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.Equal(ServiceNames.Order(), rendered.OfKind("Deployment").Select(RenderedOverlay.NameOf).Order());
        foreach (var name in ServiceNames)
        {
            Assert.NotNull(rendered.Get("Service", name));
            Assert.NotNull(rendered.Get("PodDisruptionBudget", name));
        }
        Assert.Equal("LoadBalancer", (string?)rendered.Get("Service", "gateway")["spec"]!["type"]);
        Assert.All(rendered.Objects.Where(o => (string?)o["kind"] != "Namespace"),
            o => Assert.Equal("cyberpledge-" + overlay, (string?)o["metadata"]!["namespace"]));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Render_Overlay_PostgresInClusterOnlyInDevelopment(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var statefulSets = rendered.OfKind("StatefulSet").Select(RenderedOverlay.NameOf).ToList();
        Assert.Equal(overlay == Overlays.Development ? ["postgres"] : [], statefulSets);
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Render_Overlay_NodeNamesItsNation(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var node = rendered.OfKind("ConfigMap").Single(c => RenderedOverlay.NameOf(c).StartsWith("cyberpledge-node-", StringComparison.Ordinal));
        var nation = (string?)node["data"]!["NATION"];
        Assert.Matches("^[A-Z]{3}$", nation);
        Assert.NotEqual("XXX", nation);
        if (overlay != Overlays.Development)
        {
            Assert.Equal(overlay.ToUpperInvariant(), nation);
            Assert.Equal("cyberpledge-internal-" + overlay, (string?)node["data"]!["INTERNAL_ISSUER"]);
        }
    }
}
