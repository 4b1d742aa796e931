using System.Collections.Concurrent;
using CyberPledge.Testing;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>
/// <c>kubectl kustomize deploy/overlays/NAME</c>: an overlay rendered as the cluster would receive it (kubectl is on
/// the machines, tests/run.sh installs it where missing). Each overlay is rendered once per test run.
/// </summary>
public static class Kustomize
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedOverlay>>> Rendered = new(StringComparer.Ordinal);

    /// <summary>The overlay's rendered YAML and its objects.</summary>
    public static Task<RenderedOverlay> RenderAsync(string overlay) =>
        Rendered.GetOrAdd(overlay, name => new Lazy<Task<RenderedOverlay>>(() => RenderOnceAsync(name))).Value;

    private static async Task<RenderedOverlay> RenderOnceAsync(string overlay)
    {
        var yaml = await ChildProcess.RunAsync("kubectl", ["kustomize", RepositoryPaths.Combine("deploy", "overlays", overlay)],
            RepositoryPaths.Root, RenderTimeout);
        return new RenderedOverlay(overlay, yaml, ManifestYaml.Parse(yaml));
    }
}
