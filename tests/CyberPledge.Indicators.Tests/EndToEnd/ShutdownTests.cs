using System.Diagnostics;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>SIGTERM stops the process promptly, even with a Watch stream open.</summary>
public sealed class ShutdownTests
{
    // Before, an open Watch held the shutdown for the host's 30 s timeout.
    private static readonly TimeSpan PromptStop = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Stop_WatchOpen_StreamEndsUnavailableAndProcessExitsPromptly()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        await service.Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Ipv4(1) } }, deadline: DateTime.UtcNow.AddSeconds(30));
        using var call = service.Client.Watch(new WatchRequest(), deadline: DateTime.UtcNow.AddMinutes(2));
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var next = call.ResponseStream.MoveNext(CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await service.StopAsync(StopTimeout);
        var stopped = clock.Elapsed;

        var error = await Assert.ThrowsAsync<RpcException>(() => next);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.True(stopped < PromptStop, $"the process took {stopped.TotalSeconds:0.0} s to stop. Output:\n{service.Output}");
    }

    [Fact]
    public async Task Stop_Idle_ExitCodeIsZero()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        await service.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: DateTime.UtcNow.AddSeconds(30));

        var exitCode = await service.StopAsync(StopTimeout);

        Assert.True(exitCode == 0, $"exit code {exitCode} after SIGTERM. Output:\n{service.Output}");
    }
}
