using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;

namespace CyberPledge.Gateway.Tests.Hosting;

/// <summary>The gateway process refuses to start on bad settings, with one line naming the setting.</summary>
public sealed class StartupTests
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(60);

    private static string Gateway => RepositoryPaths.BuildOutput("services/Gateway", "CyberPledge.Gateway.dll");

    [Fact]
    public async Task Start_WithoutNodeCertificate_ExitsOneNamingTheSetting()
    {
        using var directory = new TemporaryDirectory();
        await using var process = ChildProcess.StartDotnet(Gateway, ["--urls", "https://127.0.0.1:0", "--internal-issuer", "x", "--internal-key", Path.Combine(directory.Path, "missing.pem")]);

        var exitCode = await process.WaitForExitAsync(ExitTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("Gateway:CertificateFile (--cert): required", process.Output, StringComparison.Ordinal);
        Assert.Contains("Gateway:InternalKeyFile (--internal-key): \"", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AnonymousRouteOutsideDevelopment_ExitsOneNamingTheSetting()
    {
        using var directory = new TemporaryDirectory();
        using var nation = TestNation.Create("NLD", directory.Path);
        var key = Path.Combine(directory.Path, "internal.pem");
        using (var tokens = new TestTokens())
        {
            await File.WriteAllTextAsync(key, tokens.Internal.ExportPrivateKeyPem());
        }

        await using var process = ChildProcess.StartDotnet(
            Gateway,
            ["--urls", "https://127.0.0.1:0", "--cert", nation.NodeCertificateFile, "--key", nation.NodeKeyFile, "--internal-key", key, "--internal-issuer", "internal", "--environment", "Production"],
            environment: new Dictionary<string, string?>
            {
                ["Gateway__Backends__Interop__Address"] = "http://127.0.0.1:1",
                ["Gateway__Backends__Interop__AllowAnonymous"] = "true",
            });

        var exitCode = await process.WaitForExitAsync(ExitTimeout);

        Assert.Equal(1, exitCode);
        Assert.Contains("Gateway:Backends:Interop:AllowAnonymous: anonymous routes run only in the Development environment (this host: Production)", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_PrintsTheGatewaysSwitches()
    {
        var output = await ChildProcess.RunAsync(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet", [Gateway, "--help"], null, ExitTimeout);

        Assert.Contains("--cert", output, StringComparison.Ordinal);
        Assert.Contains("--internal-key", output, StringComparison.Ordinal);
    }
}
