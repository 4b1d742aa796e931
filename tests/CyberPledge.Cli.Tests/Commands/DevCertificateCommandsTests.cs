using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CyberPledge.Cli.Tests.Support;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Commands;

/// <summary><c>dev ca create</c> and <c>dev node-cert create</c>: files on disk that the peer certificate validator accepts.</summary>
public sealed class DevCertificateCommandsTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TemporaryDirectory _root = new();

    private string CaDirectory => Path.Combine(_root.Path, "ca");

    private string NodeDirectory => Path.Combine(_root.Path, "node");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task CaCreate_AlphaTwoNation_StoresAlphaThreeCaWithOwnerOnlyKeyAndPrintsFingerprint()
    {
        var result = await CliRunner.RunAsync("--json", "dev", "ca", "create", CaDirectory, "--nation", "NL", "--days", "10");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var printed = JsonDocument.Parse(result.Output);
        using var ca = CertificateFiles.LoadCertificate(Path.Combine(CaDirectory, "ca.pem"));
        Assert.Equal("CN=CyberPledge development CA NLD, O=NLD", ca.Subject);
        Assert.Equal("NLD", printed.RootElement.GetProperty("nation").GetString());
        Assert.Equal(CertificateFiles.Sha256Fingerprint(ca), printed.RootElement.GetProperty("sha256").GetString());
        Assert.InRange(ca.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromDays(9.9), TimeSpan.FromDays(10));
        var keyFile = printed.RootElement.GetProperty("keyFile").GetString()!;
        Assert.Equal(Path.Combine(CaDirectory, "ca-key.pem"), keyFile);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(keyFile) == OwnerReadWrite);
    }

    [Fact]
    public async Task CaCreate_SecondRun_ReusesTheCa()
    {
        var first = await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "NLD");
        var second = await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "NLD", "--days", "5");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(first.Output, second.Output);
        Assert.Contains("sha256: ", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CaCreate_DirectoryHoldingAnotherNationsCa_FailsWithoutReplacingIt()
    {
        await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "NLD");
        var before = await File.ReadAllTextAsync(Path.Combine(CaDirectory, "ca.pem"));

        var result = await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "DEU");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already the CA of NLD, not DEU", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(CaDirectory, "ca.pem")));
    }

    [Theory]
    [InlineData("--nation", "nl")]
    [InlineData("--nation", "XX")]
    [InlineData("--days", "0")]
    public async Task CaCreate_BadNationOrDays_UsageErrorAndNothingWritten(string option, string value)
    {
        string[] args = ["dev", "ca", "create", CaDirectory, .. WithOption(["--nation", "NLD"], option, value)];

        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"cyberpledge: {option}:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(CaDirectory));
    }

    [Fact]
    public async Task NodeCertCreate_FromDevelopmentCa_TrustedAsTheCasNationByTheValidator()
    {
        await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "FR");

        var result = await CliRunner.RunAsync("dev", "node-cert", "create", NodeDirectory, "--ca", CaDirectory, "--node", "paris-1", "--host", "localhost", "--host", "127.0.0.1");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var ca = CertificateFiles.LoadCertificate(Path.Combine(CaDirectory, "ca.pem"));
        using var node = CertificateFiles.LoadWithKey(Path.Combine(NodeDirectory, "node.pem"), Path.Combine(NodeDirectory, "node-key.pem"));
        Assert.Contains($"sha256: {CertificateFiles.Sha256Fingerprint(node)}", result.Output, StringComparison.Ordinal);
        var names = Assert.Single(node.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal(["localhost"], names.EnumerateDnsNames());
        Assert.Single(names.EnumerateIPAddresses());
        var verdict = new PeerCertificateValidator([new TrustedPeerCertificate("FRA", ca, null)]).Validate(node, null, DateTimeOffset.UtcNow);
        Assert.Equal("node:FRA:paris-1", verdict.Role);
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(NodeDirectory, "node-key.pem")) == OwnerReadWrite);
    }

    [Theory]
    [InlineData("--node", "Paris_1")]
    [InlineData("--host", "not a host")]
    [InlineData("--days", "-3")]
    public async Task NodeCertCreate_BadNodeHostOrDays_UsageErrorAndNothingWritten(string option, string value)
    {
        await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "NLD");
        string[] args = ["dev", "node-cert", "create", NodeDirectory, "--ca", CaDirectory, .. WithOption(["--node", "n1", "--host", "localhost"], option, value)];

        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith($"cyberpledge: {option}:", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(NodeDirectory));
    }

    [Fact]
    public async Task NodeCertCreate_NoCaInDirectory_FailsNamingTheMissingFile()
    {
        var result = await CliRunner.RunAsync("dev", "node-cert", "create", NodeDirectory, "--ca", CaDirectory, "--node", "n1", "--host", "localhost");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"cyberpledge: {Path.Combine(CaDirectory, "ca.pem")}: not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeCertCreate_OutlivingTheCa_FailsNamingTheCasExpiry()
    {
        await CliRunner.RunAsync("dev", "ca", "create", CaDirectory, "--nation", "NLD", "--days", "10");

        var result = await CliRunner.RunAsync("dev", "node-cert", "create", NodeDirectory, "--ca", CaDirectory, "--node", "n1", "--host", "localhost", "--days", "30");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the CA expires on", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(NodeDirectory));
    }

    /// <summary>The options given as name-value pairs, with <paramref name="option"/> set to <paramref name="value"/>.</summary>
    private static string[] WithOption(string[] pairs, string option, string value)
    {
        var options = pairs.Chunk(2).Where(p => p[0] != option).SelectMany(p => p);
        return [.. options, option, value];
    }
}
