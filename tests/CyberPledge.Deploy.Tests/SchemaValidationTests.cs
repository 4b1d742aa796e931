using System.Text.Json.Nodes;
using CyberPledge.Deploy.Tests.Support;

namespace CyberPledge.Deploy.Tests;

/// <summary>Every rendered object against the Kubernetes API schemas (kubernetes-models 5.1.0), offline.</summary>
public sealed class SchemaValidationTests
{
    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Validate_RenderedOverlay_EveryObjectPasses(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        var (validated, errors) = await KubernetesSchemas.ValidateAsync(rendered.Yaml);

        Assert.Empty(errors);
        Assert.Equal(rendered.Objects.Count, validated);
    }

    [Fact]
    public async Task Validate_ReplicasAsText_IsRejectedNamingTheField()
    {
        var deployment = await RenderedDeploymentAsync();
        deployment["spec"]!["replicas"] = "two";

        var (_, errors) = await KubernetesSchemas.ValidateAsync(deployment.ToJsonString());

        Assert.Contains(errors, e => e.StartsWith("Deployment/indicators:", StringComparison.Ordinal) && e.Contains("spec/replicas must be integer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_GrpcProbeWithoutPort_IsRejectedNamingTheField()
    {
        var deployment = await RenderedDeploymentAsync();
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["readinessProbe"]!["grpc"] = new JsonObject { ["service"] = "" };

        var (_, errors) = await KubernetesSchemas.ValidateAsync(deployment.ToJsonString());

        Assert.Contains(errors, e => e.Contains("readinessProbe/grpc must have required property", StringComparison.Ordinal) && e.Contains("port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validate_UnknownKind_IsRejected()
    {
        const string yaml = "apiVersion: v1\nkind: Secrett\nmetadata:\n  name: x\n";

        var (validated, errors) = await KubernetesSchemas.ValidateAsync(yaml);

        Assert.Equal(0, validated);
        Assert.Equal(["Secrett/x: no schema for apiVersion v1 kind Secrett"], errors);
    }

    // JSON is YAML: the mutated object goes to the validator as it is.
    private static async Task<JsonObject> RenderedDeploymentAsync() =>
        (JsonObject)(await Kustomize.RenderAsync(Overlays.Development)).Get("Deployment", "indicators").DeepClone();
}
