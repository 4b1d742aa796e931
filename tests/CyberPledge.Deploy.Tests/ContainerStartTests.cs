using CyberPledge.Deploy.Tests.Support;
using CyberPledge.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.Deploy.Tests;

/// <summary>
/// What each overlay's Deployments give their containers (command, arguments, environment, mounted Secrets and
/// ConfigMaps) starts the services' builds on loopback, each store on the test's PostgreSQL, until every gRPC probe
/// of every container answers SERVING, as the kubelet would ask it.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ContainerStartTests(PostgresServer postgres)
{
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(90);

    // In the order a node comes up quickest: each waits for the ones before it anyway.
    private static readonly string[] StartOrder = ["indicators", "partners", "federation", "gateway"];

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Containers_StartedAsTheManifestsSay_AnswerTheirProbesServing(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        using var directory = new TemporaryDirectory();
        using var secrets = await SecretsForAsync(rendered);
        var ports = new LocalPorts(rendered);
        var processes = new List<ChildProcess>();
        try
        {
            foreach (var deployment in StartOrder)
            {
                var container = LocalContainer.FromDeployment(rendered, deployment, secrets, ports, directory.Path);
                Assert.NotEmpty(container.GrpcProbes);
                var process = container.Start();
                processes.Add(process);
                foreach (var (probe, port, service) in container.GrpcProbes)
                {
                    await WaitServingAsync(process, port, service, $"{overlay} {deployment} {probe}");
                }
            }
        }
        finally
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                await process.DisposeAsync();
            }
        }
    }

    private async Task<DevelopmentSecrets> SecretsForAsync(RenderedOverlay rendered)
    {
        var node = rendered.OfKind("ConfigMap").Single(c => RenderedOverlay.NameOf(c).StartsWith("cyberpledge-node-", StringComparison.Ordinal));
        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var store in new[] { "indicators", "partners", "federation" })
        {
            databases[store] = await postgres.CreateDatabaseAsync();
        }

        return new DevelopmentSecrets((string)node["data"]!["NATION"]!, (string)node["data"]!["NODE_ID"]!, databases);
    }

    // The kubelet's gRPC probe: grpc.health.v1 Check over cleartext HTTP/2 on the probe's port, for its service name.
    private static async Task WaitServingAsync(ChildProcess process, int port, string service, string what)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = new Health.HealthClient(channel);
        var deadline = DateTime.UtcNow + ServingTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process.ExitCode is { } exitCode)
            {
                Assert.Fail($"{what}: the process exited with {exitCode}:\n{process.Output}");
            }

            try
            {
                var answer = await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(2));
                if (answer.Status == ServingStatus.Serving)
                {
                    return;
                }

                last = answer.Status.ToString();
            }
            catch (Grpc.Core.RpcException e)
            {
                last = e.Status.ToString();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"{what}: not SERVING within {ServingTimeout.TotalSeconds:0} s (last: {last}):\n{process.Output}");
    }
}
