using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Storage;
using CyberPledge.ServiceDefaults.Readiness;
using CyberPledge.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Keeps one <see cref="LinkWorker"/> per registry peer that has a gateway and is not this nation: starts links for
/// new peers, stops those of removed ones and restarts a link whose registry entry changed (its CA, its gateway). A
/// link cut for rejections is kept in the store and stays down, also across restarts, until an administrator enables
/// it again (LinkSupervisor.Enable.cs).
/// </summary>
internal sealed partial class LinkSupervisor(PeerDirectory registry, NodeSelf self, LinkServices services, IServiceProvider provider) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Running> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DisabledLink> _disabled = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The node's identity and the registry are start-up work: links start once the service serves.
        if (provider.GetService<ServiceReadiness>() is { } readiness)
        {
            await readiness.WhenServing.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        else
        {
            await self.RunAsync(stoppingToken).ConfigureAwait(false);
            await registry.RunAsync(stoppingToken).ConfigureAwait(false);
        }

        foreach (var link in await services.Store.DisabledLinksAsync(stoppingToken).ConfigureAwait(false))
        {
            _disabled[link.Nation] = link;
        }

        _stopping = stoppingToken;
        registry.Changed += Reconcile;
        try
        {
            Reconcile();
            _started.TrySetResult();
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            registry.Changed -= Reconcile;
            Task[] stopping;
            lock (_gate)
            {
                stopping = [.. _running.Values.Select(r => r.Stop())];
                _running.Clear();
            }

            await Task.WhenAll(stopping).ConfigureAwait(false);
        }
    }

    private void Reconcile()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var wanted = Wanted();
            var stopped = new Dictionary<string, Task>(StringComparer.Ordinal);
            foreach (var (nation, running) in _running.ToList())
            {
                if (!wanted.TryGetValue(nation, out var entry) || entry.Version != running.Peer.Version)
                {
                    stopped[nation] = running.Stop();
                    _running.Remove(nation);
                }
            }

            foreach (var nation in services.Board.All().Where(l => l.Direction == LinkDirection.Inbound && !wanted.ContainsKey(l.Nation)).Select(l => l.Nation))
            {
                services.Board.Remove(nation, LinkDirection.Inbound);
            }

            foreach (var (nation, peer) in wanted)
            {
                if (_disabled.TryGetValue(nation, out var cut))
                {
                    LinkWorker.ShowDisabled(services.Board, cut);
                    services.Board.Update(nation, LinkDirection.Inbound, status => status.Endpoint = peer.Endpoint);
                }
                else if (!_running.ContainsKey(nation))
                {
                    _running[nation] = Start(peer, stopped.GetValueOrDefault(nation, Task.CompletedTask));
                }
            }
        }
    }

    /// <summary>The peers this node links to, by nation.</summary>
    private Dictionary<string, PeerEntry> Wanted() => registry.Peers.Values
        .Where(p => p.Endpoint.Length > 0 && p.Nation != self.Nation)
        .ToDictionary(p => p.Nation, StringComparer.Ordinal);

    /// <summary>Starts a link once <paramref name="previous"/> (the same nation's link being replaced) has stopped: one writer per cursor.</summary>
    private Running Start(PeerEntry peer, Task previous)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        var worker = new LinkWorker(peer, services);
        var task = Task.Run(async () =>
        {
            await previous.ConfigureAwait(false);
            if (await worker.RunAsync(cancellation.Token).ConfigureAwait(false) == LinkState.Disabled && worker.CutRecord is { } cut)
            {
                lock (_gate)
                {
                    _disabled[peer.Nation] = cut;
                }
            }
        });
        return new Running(peer, cancellation, task);
    }

    private sealed record Running(PeerEntry Peer, CancellationTokenSource Cancellation, Task Task)
    {
        public async Task Stop()
        {
            await Cancellation.CancelAsync().ConfigureAwait(false);
            await Task.ConfigureAwait(false);
            Cancellation.Dispose();
        }
    }
}
