using CyberPledge.AppHost.Demo;
using CyberPledge.AppHost.Output;
using CyberPledge.AppHost.Run;
using Spectre.Console;

namespace CyberPledge.AppHost.Hosting;

// While the federation runs: the status table (live in a terminal, a line now and then otherwise), fresh tokens in the
// connection file every hour, and the demo traffic when asked for.
internal sealed partial class FederationHost
{
    private static readonly TimeSpan LiveRefresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PlainRefresh = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TokenRefresh = TimeSpan.FromHours(1);

    private async Task WatchAsync(CancellationToken stop)
    {
        var demo = _options.Demo
            ? new DemoTraffic(_topology, _nodes.ToDictionary(n => n.Node.Nation, n => n.Gateway, StringComparer.Ordinal), _logs).RunAsync(stop)
            : Task.CompletedTask;
        using var board = new StatusBoard([.. _nodes.Select(n => (n.Gateway, n.Processes))]);
        var title = $"CyberPledge federation: {_topology.Description}. Ctrl+C stops. Connection file: {_run.ConnectionFile}";
        var live = !_options.Plain && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        try
        {
            if (live)
            {
                _logs.Immediate = false;
                var first = await board.ReadAsync(stop).ConfigureAwait(false);
                await AnsiConsole.Live(StatusView.Render(title, first, _logs.Recent())).AutoClear(false).StartAsync(async context =>
                {
                    await LoopAsync(LiveRefresh, async () =>
                    {
                        context.UpdateTarget(StatusView.Render(title, await board.ReadAsync(stop).ConfigureAwait(false), _logs.Recent()));
                        context.Refresh();
                    }, stop).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }
            else
            {
                var last = "";
                await LoopAsync(PlainRefresh, async () =>
                {
                    var summary = StatusView.Summary(await board.ReadAsync(stop).ConfigureAwait(false));
                    if (summary != last)
                    {
                        _logs.Note("status: " + summary);
                        last = summary;
                    }
                }, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            _logs.Immediate = true;
        }
        await demo.ConfigureAwait(false);
    }

    private async Task LoopAsync(TimeSpan every, Func<Task> step, CancellationToken stop)
    {
        var tokensWritten = DateTimeOffset.UtcNow;
        while (!stop.IsCancellationRequested)
        {
            await step().ConfigureAwait(false);
            if (DateTimeOffset.UtcNow - tokensWritten > TokenRefresh)
            {
                ConnectionFile.Write(_run.ConnectionFile, _topology, _materials, _ports, _tokens);
                tokensWritten = DateTimeOffset.UtcNow;
            }
            await Task.Delay(every, stop).ConfigureAwait(false);
        }
    }
}
