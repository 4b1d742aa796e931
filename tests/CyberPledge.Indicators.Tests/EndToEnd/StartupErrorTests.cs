using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>A start that cannot succeed ends with one line naming the problem and exit code 1, not a stack trace.</summary>
public sealed partial class StartupErrorTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task Start_LowerCaseNation_OneLineNamingItAndNothingCreated()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        var directory = Path.Combine(data.Path, "node");

        var (process, exitCode) = await ServiceCommand.RunAsync(tokens, "--data-dir", directory, "--nation", "fr", "--urls", "http://127.0.0.1:0");
        await using var _ = process;

        AssertFailedWithOneLine(process, exitCode, "--nation", "\"fr\"");
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), "the failed start created files in the data directory");
    }

    [Fact]
    public async Task Start_DataDirectoryInUse_OneLineNamingIt()
    {
        using var data = new TemporaryDirectory();
        await using var running = await ServiceProcess.StartAsync(data.Path);

        var (process, exitCode) = await ServiceCommand.RunAsync(running.Tokens, "--data-dir", data.Path, "--urls", "http://127.0.0.1:0");
        await using var _ = process;

        AssertFailedWithOneLine(process, exitCode, data.Path, "in use");
    }

    [Fact]
    public async Task Start_PortInUse_OneLineNamingIt()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var (process, exitCode) = await ServiceCommand.RunAsync(tokens, "--data-dir", data.Path, "--urls", "http://127.0.0.1:" + port);
        await using var _ = process;

        AssertFailedWithOneLine(process, exitCode, "127.0.0.1:" + port, "address already in use");
    }

    [Fact]
    public async Task Start_StorePinnedToAnotherOrigin_RefusedNamingBoth()
    {
        using var data = new TemporaryDirectory();
        await using (var first = await ServiceProcess.StartAsync(data.Path, "--nation", "FRA", "--node-id", "paris"))
        {
            await first.StopAsync(StopTimeout);
        }

        using var tokens = new TestTokens();
        var (process, exitCode) = await ServiceCommand.RunAsync(tokens, "--data-dir", data.Path, "--nation", "DEU", "--node-id", "paris", "--urls", "http://127.0.0.1:0");
        await using var _ = process;

        AssertFailedWithOneLine(process, exitCode, "FRA/paris", "DEU/paris");
    }

    [Fact]
    public async Task Start_AlphaTwoNation_StoredAsAlphaThree()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path, "--nation", "FR", "--node-id", "paris");

        var identity = await service.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Deadline);

        Assert.Equal("FRA", identity.Origin.Nation);
        Assert.Equal("paris", identity.Origin.NodeId);
    }

    private static void AssertFailedWithOneLine(ChildProcess process, int exitCode, params string[] mentions)
    {
        var output = process.Output;
        Assert.True(exitCode == 1, $"exit code {exitCode}, expected 1. Output:\n{output}");
        var own = ServiceCommand.Lines(output).Where(l => l.StartsWith("indicators: ", StringComparison.Ordinal)).ToArray();
        Assert.True(own.Length == 1, $"expected one line starting \"indicators: \". Output:\n{output}");
        var line = own[0];
        Assert.DoesNotContain(line, process.StandardOutput, StringComparison.Ordinal);
        foreach (var mention in mentions)
        {
            Assert.Contains(mention, line, StringComparison.Ordinal);
        }

        Assert.False(StackFrame().IsMatch(output), $"a stack trace was printed. Output:\n{output}");
    }

    [GeneratedRegex(@"\bat [\w.`<>+\[\],]+\(")]
    private static partial Regex StackFrame();
}
