using System.Text.Json.Nodes;
using CyberPledge.Deploy.Tests.Support;

namespace CyberPledge.Deploy.Tests;

/// <summary>What every container of every overlay must hold (docs/deploy.md "What each pod gets"), read from the render.</summary>
public sealed class ContainerInvariantTests
{
    private static readonly string[] NodeServices = ["indicators", "partners", "federation", "gateway"];

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Containers_EveryOne_RunsNonRootReadOnlyWithoutPrivileges(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.Containers(), c =>
        {
            var where = $"{overlay} {c.Workload}/{c.Container["name"]}";
            var pod = c.PodSpec["securityContext"];
            var own = c.Container["securityContext"] ?? throw new Xunit.Sdk.XunitException($"{where}: no securityContext");
            Assert.True((bool?)(own["runAsNonRoot"] ?? pod?["runAsNonRoot"]) == true, $"{where}: runAsNonRoot");
            var user = own["runAsUser"] ?? pod?["runAsUser"];
            Assert.True(user is not null && user.GetValue<int>() > 0, $"{where}: a numeric non-root runAsUser");
            Assert.True((bool?)own["readOnlyRootFilesystem"] == true, $"{where}: readOnlyRootFilesystem");
            Assert.True((bool?)own["allowPrivilegeEscalation"] == false, $"{where}: allowPrivilegeEscalation false");
            Assert.True((bool?)own["privileged"] != true, $"{where}: not privileged");
            Assert.Equal(["ALL"], own["capabilities"]?["drop"]?.AsArray().Select(x => (string?)x) ?? []);
            Assert.Null(own["capabilities"]?["add"]);
            Assert.Equal("RuntimeDefault", (string?)(own["seccompProfile"] ?? pod?["seccompProfile"])?["type"]);
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Pods_EveryOne_HaveNoServiceAccountTokenNorHostAccess(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.PodSpecs(), p =>
        {
            Assert.True((bool?)p.PodSpec["automountServiceAccountToken"] == false, $"{overlay} {p.Workload}: automountServiceAccountToken false");
            Assert.True(p.PodSpec["hostNetwork"] is null && p.PodSpec["hostPID"] is null && p.PodSpec["hostIPC"] is null, $"{overlay} {p.Workload}: host namespaces");
            Assert.DoesNotContain(p.PodSpec["volumes"]?.AsArray() ?? [], v => v!["hostPath"] is not null);
        });
        Assert.All(rendered.OfKind("ServiceAccount"), a => Assert.False((bool?)a["automountServiceAccountToken"] ?? true));
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Containers_EveryOne_HaveLimitsProbesAndAWritableTmp(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.Containers(), c =>
        {
            var where = $"{overlay} {c.Workload}/{c.Container["name"]}";
            foreach (var kind in new[] { "requests", "limits" })
            {
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(c.Container["resources"]?[kind]?[resource] is not null, $"{where}: resources.{kind}.{resource}");
                }
            }
            Assert.True(c.Container["readinessProbe"] is not null && c.Container["livenessProbe"] is not null, $"{where}: readiness and liveness probes");
            var tmp = c.Container["volumeMounts"]?.AsArray().SingleOrDefault(m => (string?)m!["mountPath"] == "/tmp");
            Assert.True(tmp is not null, $"{where}: /tmp mounted");
            var volume = c.PodSpec["volumes"]!.AsArray().Single(v => (string?)v!["name"] == (string?)tmp!["name"]);
            Assert.True(volume!["emptyDir"] is not null, $"{where}: /tmp is an emptyDir");
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task ServiceContainers_Probes_AskGrpcHealthOnAContainerPort(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var name in NodeServices)
        {
            var container = (JsonObject)rendered.Get("Deployment", name)["spec"]!["template"]!["spec"]!["containers"]![0]!;
            var ports = container["ports"]!.AsArray().Select(p => p!["containerPort"]!.GetValue<int>()).ToList();
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                var grpc = container[probe]?["grpc"];
                Assert.True(grpc is not null, $"{overlay} {name}: {probe} by grpc.health.v1");
                Assert.Contains(grpc!["port"]!.GetValue<int>(), ports);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Images_EveryOne_HaveATagThatIsNotLatest(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        Assert.All(rendered.Containers(), c =>
        {
            var image = (string)c.Container["image"]!;
            var tag = image.Contains(':', StringComparison.Ordinal) ? image[(image.LastIndexOf(':') + 1)..] : "";
            Assert.False(tag is "" or "latest", $"{overlay} {c.Workload}: image {image} needs a fixed tag");
        });
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Replicas_PartnersAndFederation_StayAtOneUntilTheirLeases(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        // Issue 17: the leases that would let these run twice are not built; two Federation replicas run every link twice.
        Assert.Equal(1, rendered.Get("Deployment", "federation")["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, rendered.Get("Deployment", "partners")["spec"]!["replicas"]!.GetValue<int>());
    }

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Services_BehindTheGateway_ListenOnThePodAddressNotLoopback(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);

        foreach (var name in NodeServices.Where(n => n != "gateway"))
        {
            var args = rendered.Get("Deployment", name)["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray().Select(a => (string?)a);
            Assert.Contains(args, a => a is not null && a.StartsWith("--urls=http://0.0.0.0:", StringComparison.Ordinal));
            Assert.Contains("--store=postgres", args);
        }
        var gateway = rendered.OfKind("ConfigMap").Single(c => RenderedOverlay.NameOf(c).StartsWith("cyberpledge-gateway-", StringComparison.Ordinal));
        Assert.Equal("https://0.0.0.0:8443", (string?)gateway["data"]!["Kestrel__Endpoints__Https__Url"]);
    }
}
