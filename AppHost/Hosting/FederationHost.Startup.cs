using System.Diagnostics;
using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Run;
using CyberPledge.AppHost.Wiring;
using Grpc.Core;

namespace CyberPledge.AppHost.Hosting;

// Start-up: the services in order on every node at once, the wait for every node's health, the wiring.
internal sealed partial class FederationHost
{
    // Far beyond the minute it takes on a quiet machine: a machine busy with builds and tests is slower many times over.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(6);

    private string? _waitingFor;

    private async Task<int> RunAsync(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var shutdown = stop.Register(_shuttingDown.Cancel);
        _logs.Note($"{_topology.Description}: {_nodes.Count} nodes, {_nodes.Count * 4} processes; run directory {_run.Root}");
        var busy = _ports.Busy().ToList();
        if (busy.Count > 0)
        {
            _logs.Note($"ports in use by another program: {string.Join(", ", busy)}; stop it or give another --run-dir", error: true);
            return 1;
        }

        using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        startTimeout.CancelAfter(StartTimeout);
        try
        {
            await Task.WhenAll(_nodes.Select(node => StartNodeAsync(node, startTimeout.Token))).ConfigureAwait(false);
            await WaitServingAsync(startTimeout.Token).ConfigureAwait(false);
            _logs.Note($"every node serves after {clock.Elapsed.TotalSeconds:0.0} s; wiring peers and agreements");
            await WireAsync(startTimeout.Token).ConfigureAwait(false);
            ConnectionFile.Write(_run.ConnectionFile, _topology, _materials, _ports, _tokens);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            _logs.Note($"the federation did not come up within {StartTimeout.TotalSeconds:0} s{(_waitingFor is null ? "" : $" ({_waitingFor})")}; the services' logs are in {_run.LogDirectory}", error: true);
            await StopAsync().ConfigureAwait(false);
            return 1;
        }
        catch (OperationCanceledException)
        {
            await StopAsync().ConfigureAwait(false);
            return 0;
        }
        catch (RpcException e)
        {
            _logs.Note($"wiring failed: {e.Status.StatusCode}: {e.Status.Detail}", error: true);
            await StopAsync().ConfigureAwait(false);
            return 1;
        }

        // Tests and scripts wait for this line.
        _logs.Note($"federation ready in {clock.Elapsed.TotalSeconds:0.0} s; connection file {_run.ConnectionFile}");
        await WatchAsync(stop).ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
        return 0;
    }

    private async Task StartNodeAsync(NodeRuntime node, CancellationToken cancellationToken)
    {
        // Federation and the gateway read the registry and agreements from Partners and the node from Indicators at start.
        Supervise(node[ServiceKind.Indicators]);
        Supervise(node[ServiceKind.Partners]);
        await node[ServiceKind.Indicators].Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        await node[ServiceKind.Partners].Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        Supervise(node[ServiceKind.Federation]);
        Supervise(node[ServiceKind.Gateway]);
        await node[ServiceKind.Federation].Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
        await node[ServiceKind.Gateway].Listening.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Supervise(SupervisedProcess process)
    {
        lock (_supervision)
        {
            _supervision.Add((process.Launch.Kind, process.RunAsync(_stopByKind[process.Launch.Kind].Token, _shuttingDown.Token)));
        }
    }

    private async Task WaitServingAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _nodes)
        {
            string? problem;
            while ((problem = await node.Gateway.NotServingAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false)) is not null)
            {
                _waitingFor = $"{node.Node.Nation}'s gateway answers {problem}";
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
            }
        }
        _waitingFor = null;
    }

    private async Task WireAsync(CancellationToken cancellationToken)
    {
        var gateways = _nodes.ToDictionary(n => n.Node.Nation, n => n.Gateway, StringComparer.Ordinal);
        // Wiring is idempotent, so a node that was briefly unavailable (a service starting again) is wired by trying again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await new FederationWiring(_topology, gateways, _logs).WireAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && attempt < 5)
            {
                _logs.Note($"wiring: {e.Status.StatusCode} ({e.Status.Detail}); trying again", error: true);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // Front to back: the gateways close the door, Federation ends its links, then Partners and Indicators close their stores.
    private async Task StopAsync()
    {
        _logs.Immediate = true;
        _logs.Note("stopping");
        await _shuttingDown.CancelAsync().ConfigureAwait(false);
        foreach (var kind in Enum.GetValues<ServiceKind>().Reverse())
        {
            await _stopByKind[kind].CancelAsync().ConfigureAwait(false);
            Task[] stopping;
            lock (_supervision)
            {
                stopping = [.. _supervision.Where(s => s.Kind == kind).Select(s => s.Supervision)];
            }
            await Task.WhenAll(stopping).ConfigureAwait(false);
        }
        _logs.Note("stopped");
    }
}
