using CyberPledge.Cli.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Cli.Tests.Commands;

/// <summary>Parsing, help and errors that need no service.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("indicators", "--help")]
    [InlineData("indicators", "submit", "--help")]
    [InlineData("agreements", "explain", "--help")]
    [InlineData("peers", "add", "-h")]
    [InlineData("peers", "watch", "--help")]
    [InlineData("audit", "verify", "--help")]
    [InlineData("audit", "shares", "--help")]
    [InlineData("links", "--help")]
    [InlineData("links", "show", "--help")]
    [InlineData("links", "enable", "--help")]
    [InlineData("taxii", "sources", "--help")]
    [InlineData("taxii", "sources", "add", "--help")]
    [InlineData("taxii", "sources", "failures", "--help")]
    [InlineData("dev", "token", "--help")]
    [InlineData("dev", "ca", "create", "--help")]
    [InlineData("dev", "node-cert", "create", "--help")]
    public async Task Help_AtEveryLevel_PrintsUsageAndSucceeds(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("indicators")]
    [InlineData("indicators", "frobnicate")]
    [InlineData("indicators", "get")]
    [InlineData("indicators", "query", "--tlp", "purple")]
    [InlineData("indicators", "watch", "--after", "1", "--from-now")]
    [InlineData("agreements", "explain", "some-id")]
    [InlineData("agreements", "create", "f.yaml", "--template", "enemy")]
    [InlineData("--address", "ftp://x", "indicators", "query")]
    [InlineData("--federation", "ftp://x", "links", "list")]
    [InlineData("links", "show", "JPN", "--direction", "sideways")]
    [InlineData("links", "show")]
    [InlineData("links", "enable")]
    [InlineData("--token", "a", "--token-file", "b", "indicators", "query")]
    [InlineData("taxii", "sources", "add", "nld")]
    [InlineData("taxii", "sources", "add", "nld", "https://x/api1/collections/c1/", "--username", "u")]
    [InlineData("taxii", "sources", "add", "nld", "https://x/api1/collections/c1/", "--password-file", "p")]
    [InlineData("taxii", "sources", "add", "nld", "https://x/api1/collections/c1/", "--username", "u", "--bearer-token-file", "t")]
    [InlineData("taxii", "sources", "add", "nld", "https://x/api1/collections/c1/", "--interval", "soon")]
    [InlineData("taxii", "sources", "remove")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "update", "JPN-2026-01")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "update", "JPN-2026-01", "--support", "maybe")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "update", "JPN-2026-01", "--incident-sectors", "energy,space")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "update", "JPN-2026-01", "--incident-min-severity", "dire")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "update", "JPN-2026-01", "--share-incidents", "--sighting-hop-limit", "many")]
    [InlineData("--partners", "http://127.0.0.1:1", "agreements", "create", "f.yaml", "--sighting-hop-limit", "-1")]
    public async Task Run_UsageMistake_ExitCode2WithOneLineErrors(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("cyberpledge: ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Run_NoServiceListening_ExitCode1NamingUnavailable()
    {
        var port = FreePort.Loopback();

        var result = await CliRunner.RunAsync("--address", $"http://127.0.0.1:{port}", "--token", "t", "indicators", "get", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cyberpledge: UNAVAILABLE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksList_NoFederationListeningAtTheGivenAddress_ExitCode1NamingUnavailable()
    {
        var port = FreePort.Loopback();

        var result = await CliRunner.RunAsync("--federation", $"http://127.0.0.1:{port}", "--token", "t", "links", "list");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cyberpledge: UNAVAILABLE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LinksEnable_NoFederationListeningAtTheGivenAddress_ExitCode1NamingUnavailable()
    {
        var port = FreePort.Loopback();

        var result = await CliRunner.RunAsync("--federation", $"http://127.0.0.1:{port}", "--token", "t", "links", "enable", "JPN");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("cyberpledge: UNAVAILABLE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgreementsCreate_MalformedFile_FailsNamingFileBeforeCalling()
    {
        using var directory = new TemporaryDirectory();
        var file = Path.Combine(directory.Path, "jpn.yaml");
        await File.WriteAllTextAsync(file, "id: JPN-1\nrules:\n  max_tlp: ultraviolet\n");

        var result = await CliRunner.RunAsync("--partners", "http://127.0.0.1:1", "agreements", "create", file);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"cyberpledge: {file}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("ultraviolet", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IndicatorsSubmit_MissingFile_ExitCode1()
    {
        var result = await CliRunner.RunAsync("--token", "t", "indicators", "submit", "/nonexistent/cyberpledge.csv");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/cyberpledge.csv", result.Error, StringComparison.Ordinal);
    }
}
