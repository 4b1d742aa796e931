using CyberPledge.AppHost.Output;
using CyberPledge.AppHost.Topology;
using CyberPledge.AppHost.Wiring;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.AppHost.Demo;

/// <summary>
/// <c>--demo</c>: a steady trickle a person can follow in the status table. Every two seconds one node's analysts
/// (allies mostly, partners now and then) submit a few indicators (<see cref="DemoIndicators"/>) through its gateway;
/// now and then one of them is updated (higher confidence, a new tag) or revoked.
/// </summary>
internal sealed class DemoTraffic(FederationTopology topology, IReadOnlyDictionary<string, GatewayClient> gateways, LogSink logs)
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(2);

    private readonly Random _random = new();
    private readonly Dictionary<string, List<string>> _submitted = [];

    public async Task RunAsync(CancellationToken stop)
    {
        var allies = topology.Nodes.Where(n => n.Tier == Tier.Ally).Select(n => n.Nation).ToList();
        var partners = topology.Nodes.Where(n => n.Tier == Tier.Partner).Select(n => n.Nation).ToList();
        logs.Note("demo: submitting indicators at the nodes every 2 s (Ctrl+C stops)");
        for (var tick = 1; !stop.IsCancellationRequested; tick++)
        {
            var nation = partners.Count > 0 && tick % 5 == 0 ? partners[_random.Next(partners.Count)] : allies[_random.Next(allies.Count)];
            try
            {
                await StepAsync(gateways[nation], tick, stop).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                // A node restarting answers UNAVAILABLE for a moment: the demo goes on.
                logs.Note($"demo: {nation}: {e.Status.StatusCode}: {e.Status.Detail}", error: true);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            try
            {
                await Task.Delay(Every, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StepAsync(GatewayClient node, int tick, CancellationToken stop)
    {
        var mine = _submitted.TryGetValue(node.Nation, out var list) ? list : _submitted[node.Nation] = [];
        if (tick % 7 == 0 && mine.Count > 3)
        {
            var id = mine[_random.Next(mine.Count)];
            mine.Remove(id);
            await node.Indicators.RevokeAsync(new RevokeRequest { Id = id }, cancellationToken: stop).ResponseAsync.ConfigureAwait(false);
            logs.Note($"demo: {node.Nation} revoked {id}");
            return;
        }

        var request = new SubmitRequest();
        if (tick % 4 == 0 && mine.Count > 0)
        {
            var current = await node.Indicators.GetAsync(new GetRequest { Id = mine[_random.Next(mine.Count)] }, cancellationToken: stop).ResponseAsync.ConfigureAwait(false);
            request.Indicators.Add(Update(current));
        }
        var count = _random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            request.Indicators.Add(DemoIndicators.Next(_random, node.Nation, tick * 10 + i));
        }
        var response = await node.Indicators.SubmitAsync(request, cancellationToken: stop).ResponseAsync.ConfigureAwait(false);
        var stored = response.Results.Where(r => r.Outcome is SubmitOutcome.Created or SubmitOutcome.Updated).ToList();
        mine.AddRange(stored.Where(r => r.Outcome == SubmitOutcome.Created).Select(r => r.Id));
        var tlps = string.Join(", ", request.Indicators.Select(s => s.Tlp.ToString().ToUpperInvariant()));
        logs.Note($"demo: {node.Nation} stored {stored.Count} of {request.Indicators.Count} ({tlps})");
    }

    // The same indicator with more confidence and one more tag: a new version its receivers replace the old one with.
    private static IndicatorSubmission Update(Indicator current)
    {
        var submission = new IndicatorSubmission
        {
            Id = current.Id,
            Type = current.Type,
            Value = current.Value,
            Tlp = current.Tlp,
            Confidence = Math.Min(100, current.Confidence + 5),
            Severity = current.Severity,
            Description = current.Description,
        };
        submission.Sectors.Add(current.Sectors);
        submission.Tags.Add(current.Tags);
        submission.Tags.Add("confirmed");
        return submission;
    }
}
