using CyberPledge.Partners.Hosting;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing;
using Microsoft.Extensions.Options;

namespace CyberPledge.Partners.Tests.Hosting;

/// <summary>
/// The start check of Partners' own service identity: its private key (Partners:InternalKeyFile) must be the node's
/// internal issuer's, as the process reports it (one line, exit code 1) and as the check decides it.
/// </summary>
public sealed class InternalKeyCheckTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Start_InternalKeyNotTheInternalIssuers_RefusedWithOneLineNamingBothSettings()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        using var stranger = TokenMinter.CreateWithNewKey("stranger");
        var keyFile = await WriteKeyAsync(data.Path, stranger);

        await using var process = Start(data.Path, tokens, keyFile);
        var exitCode = await process.WaitForExitAsync(StartTimeout);

        Assert.True(exitCode == 1, $"exit code {exitCode}, expected 1. Output:\n{process.Output}");
        var line = Assert.Single(process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            l => l.StartsWith("partners: ", StringComparison.Ordinal));
        Assert.Contains("Partners:InternalKeyFile", line, StringComparison.Ordinal);
        Assert.Contains("Identity:InternalIssuer:PublicKeyPem", line, StringComparison.Ordinal);
        Assert.Contains(keyFile, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InternalKeyOfTheInternalIssuer_Serves()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        var keyFile = await WriteKeyAsync(data.Path, tokens.Internal);

        await using var process = Start(data.Path, tokens, keyFile);

        await process.WaitForListeningAsync(StartTimeout);
        Assert.Equal(0, await process.StopAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Validate_InternalKeyWithoutInternalIssuer_FailsNamingIt()
    {
        using var data = new TemporaryDirectory();
        using var minter = TokenMinter.CreateWithNewKey("internal");
        var options = new PartnersOptions { InternalKeyFile = await WriteKeyAsync(data.Path, minter) };

        var result = new InternalKeyCheck(Options.Create(new CallerIdentityOptions())).Validate(null, options);
        var trusted = new CallerIdentityOptions { InternalIssuer = new IssuerKeyOptions { Issuer = "internal", PublicKeyPem = minter.PublicKeyPem } };
        var matching = new InternalKeyCheck(Options.Create(trusted)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Identity:InternalIssuer is not", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(matching.Succeeded);
    }

    private static async Task<string> WriteKeyAsync(string directory, TokenMinter minter)
    {
        var keyFile = Path.Combine(directory, "internal-key.pem");
        await File.WriteAllTextAsync(keyFile, minter.ExportPrivateKeyPem());
        return keyFile;
    }

    private static ChildProcess Start(string directory, TestTokens tokens, string keyFile) => ChildProcess.StartDotnet(
        RepositoryPaths.BuildOutput("services/Partners", "CyberPledge.Partners.dll"),
        ["--data-dir", Path.Combine(directory, "partners"), "--internal-key", keyFile, "--urls", "http://127.0.0.1:0"],
        environment: new Dictionary<string, string?>(tokens.ServiceEnvironment) { ["Logging__LogLevel__Default"] = "Warning" });
}
