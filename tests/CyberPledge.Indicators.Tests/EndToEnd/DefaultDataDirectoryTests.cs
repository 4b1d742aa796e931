using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>Without --data-dir the store is in the user's data folder, whatever the working directory.</summary>
public sealed class DefaultDataDirectoryTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Start_TwoWorkingDirectories_SameStoreInTheUsersDataFolder(bool xdgDataHome)
    {
        using var home = new TemporaryDirectory();
        using var firstDirectory = new TemporaryDirectory();
        using var secondDirectory = new TemporaryDirectory();
        using var tokens = new TestTokens();
        var dataHome = Path.Combine(home.Path, xdgDataHome ? "xdg-data" : Path.Combine(".local", "share"));
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home.Path,
            ["XDG_DATA_HOME"] = xdgDataHome ? dataHome : null,
            ["Logging__LogLevel__Default"] = "Warning",
        };

        string id;
        await using (var first = ServiceCommand.Start(tokens, ["--urls", "http://127.0.0.1:0"], firstDirectory.Path, environment))
        {
            using var channel = GrpcChannel.ForAddress(await first.WaitForListeningAsync(StartTimeout));
            var submitted = await Client(channel, tokens).SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Domain("default-dir.example") } }, deadline: Deadline);
            id = Assert.Single(submitted.Results).Id;
            await first.StopAsync(StopTimeout);
        }

        await using var second = ServiceCommand.Start(tokens, ["--urls", "http://127.0.0.1:0"], secondDirectory.Path, environment);
        using var secondChannel = GrpcChannel.ForAddress(await second.WaitForListeningAsync(StartTimeout));
        var got = await Client(secondChannel, tokens).GetAsync(new GetRequest { Id = id }, deadline: Deadline);

        Assert.Equal("default-dir.example", got.Value);
        Assert.True(File.Exists(Path.Combine(dataHome, "cyberpledge", "indicators", "indicators.db")), second.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(firstDirectory.Path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(secondDirectory.Path));
    }

    private static IndicatorsClient Client(GrpcChannel channel, TestTokens tokens) =>
        new(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.Analyst));
}
