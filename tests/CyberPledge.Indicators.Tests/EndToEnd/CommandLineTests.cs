using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>The command line a new user types: --help, a mistyped switch, both forms of a switch.</summary>
public sealed class CommandLineTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Help_ListsEverySwitchAndExitsZero()
    {
        var (process, exitCode) = await ServiceCommand.RunAsync(null, "--help");
        await using var _ = process;

        Assert.Equal(0, exitCode);
        foreach (var name in new[] { "--data-dir", "--nation", "--node-id", "--store", "--postgres", "--urls", "--environment", "--otlp-endpoint" })
        {
            Assert.Contains("  " + name + " ", process.StandardOutput, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("listening on", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSwitch_WithAValue_OneLineOnStderrAndExitTwo()
    {
        using var data = new TemporaryDirectory();
        var (process, exitCode) = await ServiceCommand.RunAsync(null, "--data-directory", data.Path, "--urls", "http://127.0.0.1:0");
        await using var _ = process;

        Assert.Equal(2, exitCode);
        Assert.Equal("", process.StandardOutput);
        Assert.Equal(["indicators: unknown switch --data-directory (see --help)"], ServiceCommand.Lines(process.Output));
        Assert.Empty(Directory.EnumerateFileSystemEntries(data.Path));
    }

    [Fact]
    public async Task UnknownSwitch_FollowedByHelp_HelpIsNotTakenAsItsValue()
    {
        // Before, an unknown switch took the next argument as its value whatever it was.
        var (process, exitCode) = await ServiceCommand.RunAsync(null, "--verbose", "--help");
        await using var _ = process;

        Assert.Equal(0, exitCode);
        Assert.Contains("--data-dir", process.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task DataDir_SeparateOrEqualsForm_StoreIsCreatedThere(bool equalsForm)
    {
        using var data = new TemporaryDirectory();
        var directory = Path.Combine(data.Path, "node");
        string[] dataDir = equalsForm ? ["--data-dir=" + directory] : ["--data-dir", directory];
        using var tokens = new TestTokens();
        await using var process = ServiceCommand.Start(tokens, [.. dataDir, "--urls=http://127.0.0.1:0"]);

        await process.WaitForListeningAsync(StartTimeout);

        Assert.True(File.Exists(Path.Combine(directory, "indicators.db")), process.Output);
        Assert.True(File.Exists(Path.Combine(directory, "node-signing-key.pem")), process.Output);
    }
}
