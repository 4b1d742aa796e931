using System.Text.Json;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.EndToEnd;

/// <summary><c>dev issuer create</c> and <c>dev token</c>: a key on disk, and tokens a service trusting it accepts.</summary>
public sealed class DevCommandsEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    private string IssuerDirectory => Path.Combine(_root.Path, "issuer");

    [Fact]
    public async Task IssuerCreate_NewDirectory_KeyFileOwnerOnlyAndSameKeyOnSecondRun()
    {
        var first = await CliRunner.RunAsync("--json", "dev", "issuer", "create", IssuerDirectory);
        var second = await CliRunner.RunAsync("--json", "dev", "issuer", "create", IssuerDirectory);

        Assert.True(first.ExitCode == 0, first.ToString());
        using var created = JsonDocument.Parse(first.Output);
        var keyFile = created.RootElement.GetProperty("keyFile").GetString()!;
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(keyFile) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        var publicKey = created.RootElement.GetProperty("publicKeyPem").GetString();
        Assert.Contains("BEGIN PUBLIC KEY", publicKey, StringComparison.Ordinal);
        Assert.Equal(publicKey, File.ReadAllText(created.RootElement.GetProperty("publicKeyFile").GetString()!));
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public async Task Token_FromDevelopmentIssuer_AcceptedByAServiceTrustingItAndRefusedWithoutRole()
    {
        var create = await CliRunner.RunAsync("--json", "dev", "issuer", "create", IssuerDirectory, "--issuer", "dev-test-nation");
        using var issuer = JsonDocument.Parse(create.Output);
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(ServiceProcess.IndicatorsDll, new Dictionary<string, string?>
        {
            ["Identity__Audience"] = "cyberpledge",
            ["Identity__InternalIssuer__Issuer"] = "dev-test-nation",
            ["Identity__InternalIssuer__PublicKeyFile"] = issuer.RootElement.GetProperty("publicKeyFile").GetString(),
        }, "--data-dir", data.Path);

        var analyst = await CliRunner.RunAsync("dev", "token", "--issuer-dir", IssuerDirectory, "--issuer", "dev-test-nation", "--role", "analyst", "--lifetime", "10m");
        var partner = await CliRunner.RunAsync("dev", "token", "--issuer-dir", IssuerDirectory, "--issuer", "dev-test-nation", "--role", "partner:JPN");
        var asAnalyst = await CliRunner.RunAsync("--address", service.Address, "--token", analyst.Output.Trim(), "indicators", "query");
        var asPartner = await CliRunner.RunAsync("--address", service.Address, "--token", partner.Output.Trim(), "indicators", "query");

        Assert.True(asAnalyst.ExitCode == 0, asAnalyst.ToString());
        Assert.Equal(1, asPartner.ExitCode);
        Assert.StartsWith("cyberpledge: PERMISSION_DENIED", asPartner.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--role", "superuser")]
    [InlineData("--lifetime", "forever")]
    public async Task Token_BadRoleOrLifetime_UsageError(string option, string value)
    {
        string[] args = ["dev", "token", "--issuer-dir", IssuerDirectory, "--role", "analyst", option, value];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"cyberpledge: {option}:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(IssuerDirectory));
    }

    public void Dispose() => _root.Dispose();
}
