using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.Deploy.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.Deploy.Tests;

/// <summary>
/// What each overlay's Deployments give their containers (command, arguments, environment, mounted Secrets and
/// ConfigMaps) starts the services' builds on loopback, each store on the test's PostgreSQL, until every gRPC probe
/// of every container answers SERVING, as the kubelet would ask it; then the node works through its gateway: the
/// whole node is SERVING, an administrator's token from the overlay's identity provider reaches Indicators over HTTPS
/// (so the internal key pair, the trusted issuer and the Service addresses fit together), and the health port
/// refuses that call.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ContainerStartTests(PostgresServer postgres)
{
    private static readonly TimeSpan ServingTimeout = TimeSpan.FromSeconds(90);

    // In the order a node comes up quickest: each waits for the ones before it anyway.
    private static readonly string[] StartOrder = ["indicators", "partners", "federation", "gateway"];

    [Theory]
    [MemberData(nameof(Overlays.Names), MemberType = typeof(Overlays))]
    public async Task Containers_StartedAsTheManifestsSay_AnswerTheirProbesAndServeTheNode(string overlay)
    {
        var rendered = await Kustomize.RenderAsync(overlay);
        using var directory = new TemporaryDirectory();
        using var secrets = await SecretsForAsync(rendered);
        var ports = new LocalPorts(rendered);
        var processes = new List<ChildProcess>();
        var containers = new List<LocalContainer>();
        try
        {
            foreach (var deployment in StartOrder)
            {
                var container = LocalContainer.FromDeployment(rendered, deployment, secrets, ports, directory.Path);
                Assert.NotEmpty(container.GrpcProbes);
                containers.Add(container);
                var process = container.Start();
                processes.Add(process);
                foreach (var (probe, port, service) in container.GrpcProbes)
                {
                    await WaitServingAsync(process, port, service, $"{overlay} {deployment} {probe}");
                }
            }

            var healthPort = ports.Of("gateway", 8081);
            await WaitServingAsync(processes[^1], healthPort, "", $"{overlay} the whole node at the gateway");
            await AssertNodeThroughGatewayAsync(rendered, secrets, ports.Of("gateway", 8443), healthPort);
            Assert.All(containers, c => Assert.Empty(c.WrittenToReadOnlyMounts()));
        }
        finally
        {
            foreach (var process in Enumerable.Reverse(processes))
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task AssertNodeThroughGatewayAsync(RenderedOverlay rendered, DevelopmentSecrets secrets, int httpsPort, int healthPort)
    {
        var node = NodeConfiguration(rendered);
        var gateway = rendered.OfKind("ConfigMap").Single(c => RenderedOverlay.NameOf(c).StartsWith("cyberpledge-gateway-", StringComparison.Ordinal))["data"]!;
        using var identityProvider = secrets.IdentityProvider("nation.pem", (string)gateway["Identity__TrustedIssuers__0__Issuer"]!);
        var token = identityProvider.Mint("deploy-test-admin", ["admin"], (string)node["AUDIENCE"]!, TimeSpan.FromMinutes(5));
        var headers = new Metadata { { "authorization", "Bearer " + token } };

        using var ca = X509Certificate2.CreateFromPem(secrets.CaCertificatePem);
        var trust = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        trust.CustomTrustStore.Add(ca);
        var handler = new SocketsHttpHandler { SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = trust }, UseProxy = false };
        using var https = GrpcChannel.ForAddress($"https://127.0.0.1:{httpsPort}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
        var identity = await new CyberPledge.V1.Indicators.IndicatorsClient(https).GetNodeIdentityAsync(new GetNodeIdentityRequest(), headers);
        Assert.Equal((string)node["NATION"]!, identity.Origin.Nation);
        Assert.Equal((string)node["NODE_ID"]!, identity.Origin.NodeId);

        using var cleartext = GrpcChannel.ForAddress($"http://127.0.0.1:{healthPort}");
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new CyberPledge.V1.Indicators.IndicatorsClient(cleartext).GetNodeIdentityAsync(new GetNodeIdentityRequest(), headers).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    private static System.Text.Json.Nodes.JsonNode NodeConfiguration(RenderedOverlay rendered) =>
        rendered.OfKind("ConfigMap").Single(c => RenderedOverlay.NameOf(c).StartsWith("cyberpledge-node-", StringComparison.Ordinal))["data"]!;

    private async Task<DevelopmentSecrets> SecretsForAsync(RenderedOverlay rendered)
    {
        var node = NodeConfiguration(rendered);
        var databases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var store in new[] { "indicators", "partners", "federation" })
        {
            databases[store] = await postgres.CreateDatabaseAsync();
        }

        return new DevelopmentSecrets((string)node["NATION"]!, (string)node["NODE_ID"]!, databases);
    }

    // The kubelet's gRPC probe: grpc.health.v1 Check over cleartext HTTP/2 on the probe's port, for its service name.
    private static async Task WaitServingAsync(ChildProcess process, int port, string service, string what)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
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
            catch (RpcException e)
            {
                last = e.Status.ToString();
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }

        Assert.Fail($"{what}: not SERVING within {ServingTimeout.TotalSeconds:0} s (last: {last}):\n{process.Output}");
    }
}
