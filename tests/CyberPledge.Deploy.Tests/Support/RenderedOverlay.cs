using System.Text.Json.Nodes;

namespace CyberPledge.Deploy.Tests.Support;

/// <summary>One overlay as <c>kubectl kustomize</c> rendered it: the YAML text and its objects.</summary>
public sealed record RenderedOverlay(string Name, string Yaml, IReadOnlyList<JsonObject> Objects)
{
    /// <summary>The objects of one kind.</summary>
    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    /// <summary>The object of <paramref name="kind"/> named <paramref name="name"/>; fails when there is none.</summary>
    public JsonObject Get(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => NameOf(o) == name) ?? throw new InvalidOperationException($"{Name}: no {kind} {name}");

    /// <summary>Every workload's pod template spec, with the workload's kind and name.</summary>
    public IEnumerable<(string Workload, JsonObject PodSpec)> PodSpecs() =>
        Objects.Where(o => (string?)o["kind"] is "Deployment" or "StatefulSet")
            .Select(o => ($"{o["kind"]}/{NameOf(o)}", (JsonObject)o["spec"]!["template"]!["spec"]!));

    /// <summary>Every container of every workload (init containers too), with the workload's kind and name.</summary>
    public IEnumerable<(string Workload, JsonObject PodSpec, JsonObject Container)> Containers() =>
        PodSpecs().SelectMany(pod => new[] { "initContainers", "containers" }
            .SelectMany(list => pod.PodSpec[list]?.AsArray() ?? [])
            .Select(container => (pod.Workload, pod.PodSpec, (JsonObject)container!)));

    /// <summary>The object's metadata.name.</summary>
    public static string NameOf(JsonObject manifest) => (string?)manifest["metadata"]?["name"] ?? "";
}
