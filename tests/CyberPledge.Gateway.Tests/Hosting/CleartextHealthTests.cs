using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CyberPledge.Gateway.Tests.Hosting;

/// <summary>
/// A cleartext HTTP/2 endpoint (what Kubernetes' gRPC probes need, docs/deploy.md "Probes") answers grpc.health.v1
/// and refuses every other call, so it is no second door to the node.
/// </summary>
public sealed class CleartextHealthTests
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private static string Gateway => RepositoryPaths.BuildOutput("services/Gateway", "CyberPledge.Gateway.dll");

    [Fact]
    public async Task CleartextEndpoint_HealthAnswersAndOtherCallsArePermissionDenied()
    {
        using var directory = new TemporaryDirectory();
        using var nation = TestNation.Create("NLD", directory.Path);
        using var tokens = new TestTokens();
        var key = Path.Combine(directory.Path, "internal.pem");
        await File.WriteAllTextAsync(key, tokens.Internal.ExportPrivateKeyPem());
        var cleartextPort = FreePort.Loopback();
        await using var process = ChildProcess.StartDotnet(
            Gateway,
            ["--cert", nation.NodeCertificateFile, "--key", nation.NodeKeyFile, "--internal-key", key, "--internal-issuer", tokens.Internal.Issuer,
             "--partners", "http://127.0.0.1:1", "--environment", "Production"],
            environment: new Dictionary<string, string?>
            {
                ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{FreePort.Loopback()}",
                ["Kestrel__Endpoints__Health__Url"] = $"http://127.0.0.1:{cleartextPort}",
                ["Kestrel__Endpoints__Health__Protocols"] = "Http2",
                ["Identity__Audience"] = TestTokens.Audience,
                ["Identity__TrustedIssuers__0__Issuer"] = tokens.Internal.Issuer + "-idp",
                ["Identity__TrustedIssuers__0__PublicKeyPem"] = tokens.Internal.PublicKeyPem,
                ["Identity__TrustedIssuers__0__AllowedRoles__0"] = "admin",
            });
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{cleartextPort}");

        // The registry never loads (Partners is absent): the gateway answers NOT_SERVING, but it answers.
        var health = await AnswerAsync(() => new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2)).ResponseAsync, process);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, health.Status);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new CyberPledge.V1.Indicators.IndicatorsClient(channel)
            .GetNodeIdentityAsync(new GetNodeIdentityRequest(), new Metadata { { "authorization", "Bearer " + tokens.Admin } }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("grpc.health.v1 only", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task<T> AnswerAsync<T>(Func<Task<T>> call, ChildProcess process)
    {
        var deadline = DateTime.UtcNow + AnswerTimeout;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException) when (DateTime.UtcNow < deadline && process.ExitCode is null)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
    }
}
