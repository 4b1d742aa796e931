using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using CyberPledge.AppHost.Output;
using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Run;
using CyberPledge.AppHost.Topology;
using CyberPledge.AppHost.Wiring;
using Spectre.Console;

namespace CyberPledge.AppHost.Hosting;

/// <summary>
/// One run of a federation: material on first use, the services as supervised processes, the wiring through the
/// gateways, the connection file, the status table (and demo traffic) until Ctrl+C or SIGTERM, then a clean stop.
/// </summary>
internal sealed partial class FederationHost : IDisposable
{
    private readonly AppHostOptions _options;
    private readonly RunDirectory _run;
    private readonly FederationTopology _topology;
    private readonly Dictionary<string, NodeMaterial> _materials;
    private readonly PortMap _ports;
    private readonly LogSink _logs;
    private readonly DevelopmentTokenSet _tokens;
    private readonly List<NodeRuntime> _nodes;
    private readonly ProcessesFile _processesFile;
    private readonly Dictionary<ServiceKind, CancellationTokenSource> _stopByKind = Enum.GetValues<ServiceKind>().ToDictionary(k => k, _ => new CancellationTokenSource());
    private readonly List<(ServiceKind Kind, Task Supervision)> _supervision = [];
    private readonly CancellationTokenSource _shuttingDown = new();

    private FederationHost(AppHostOptions options, RunDirectory run, FederationTopology topology)
    {
        _options = options;
        _run = run;
        _topology = topology;
        var nations = topology.Nodes.Select(n => n.Nation).ToList();
        _materials = topology.Nodes.ToDictionary(n => n.Nation, n => NodeMaterial.Ensure(n, run.NodeDirectory(n.Nation)), StringComparer.Ordinal);
        _ports = PortMap.LoadOrAssign(run.PortsFile, nations);
        _logs = new LogSink(run.LogDirectory, nations);
        _tokens = new DevelopmentTokenSet(_materials);
        var identityProviders = _materials.ToDictionary(m => m.Key, m => m.Value.IdentityProviderPublicKeyFile, StringComparer.Ordinal);
        _nodes = [.. topology.Nodes.Select(node =>
        {
            var material = _materials[node.Nation];
            var processes = ServiceLaunch.ForNode(material, _ports, topology, identityProviders).Select(l => new SupervisedProcess(l, _logs)).ToList();
            var gateway = new GatewayClient(material, processes.Single(p => p.Launch.Kind == ServiceKind.Gateway).Launch.Address, _tokens);
            return new NodeRuntime(node, processes, gateway);
        })];
        _processesFile = new ProcessesFile(run.ProcessesFile, [.. _nodes.SelectMany(n => n.Processes)]);
        foreach (var process in _nodes.SelectMany(n => n.Processes))
        {
            process.Changed += _processesFile.Write;
        }
    }

    /// <summary>Runs the federation until Ctrl+C or SIGTERM; 0 after a clean stop, 1 when it could not start.</summary>
    public static async Task<int> RunAsync(AppHostOptions options, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        FederationHost host;
        RunDirectory? run = null;
        try
        {
            run = RunDirectory.Open(options.RunDirectory);
            var topology = TopologyChoice.Load(run, options.Topology);
            var leftovers = ProcessesFile.EndLeftovers(run.ProcessesFile, run.Root);
            if (leftovers > 0)
            {
                AnsiConsole.MarkupLine($"[bold]apphost[/] [grey]│[/] ended {leftovers} service process(es) a previous run left behind");
            }
            host = new FederationHost(options, run, topology);
        }
        catch (Exception e) when (e is TopologyException or InvalidOperationException or IOException or UnauthorizedAccessException or CryptographicException or JsonException)
        {
            run?.Dispose();
            await Console.Error.WriteLineAsync("apphost: " + e.Message).ConfigureAwait(false);
            return 1;
        }

        using (run)
        using (host)
        {
            return await host.RunAsync(stop.Token).ConfigureAwait(false);
        }

        void Stop(PosixSignalContext context)
        {
            // The stop is ours to run (in order, services before their stores); a second Ctrl+C stops no faster.
            context.Cancel = true;
            stop.Cancel();
        }
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Gateway.Dispose();
        }
        foreach (var material in _materials.Values)
        {
            material.Dispose();
        }
        _shuttingDown.Dispose();
        foreach (var source in _stopByKind.Values)
        {
            source.Dispose();
        }
        _logs.Dispose();
    }

    private sealed record NodeRuntime(NodeSpec Node, IReadOnlyList<SupervisedProcess> Processes, GatewayClient Gateway)
    {
        public SupervisedProcess this[ServiceKind kind] => Processes.Single(p => p.Launch.Kind == kind);
    }
}
