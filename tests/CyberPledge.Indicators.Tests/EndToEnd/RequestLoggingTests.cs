using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Net.Client;
using IndicatorsClient = CyberPledge.V1.Indicators.IndicatorsClient;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>With the settings it ships with, the process logs nothing per request (a load test once wrote 450 MB).</summary>
public sealed class RequestLoggingTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Calls_DefaultSettings_AddNoLogLines()
    {
        using var data = new TemporaryDirectory();
        using var tokens = new TestTokens();
        // No Logging__LogLevel__Default override: appsettings.json as shipped.
        await using var process = ServiceCommand.Start(tokens, ["--data-dir", data.Path, "--urls", "http://127.0.0.1:0"]);
        using var channel = GrpcChannel.ForAddress(await process.WaitForListeningAsync(StartTimeout));
        var client = new IndicatorsClient(TestTokens.WithToken(channel.CreateCallInvoker(), tokens.Analyst));
        await client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        // The console logger writes from a queue: let the start-up and first-call lines arrive before counting.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var before = process.Output;

        for (var i = 0; i < 50; i++)
        {
            await client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        }
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Equal(before, process.Output);
    }
}
