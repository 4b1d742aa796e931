using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Wiring;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace CyberPledge.AppHost.Output;

/// <summary>
/// Collects the federation's state for the status table: each process's supervision state, each service's own
/// grpc.health.v1 answer (probed directly on loopback, as a probe would), and through each gateway the node's health,
/// its feed sequence and its links (Federation's ListLinks, as the nation's analyst).
/// </summary>
internal sealed class StatusBoard : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<(GatewayClient Gateway, IReadOnlyList<SupervisedProcess> Processes)> _nodes;
    private readonly Dictionary<SupervisedProcess, GrpcChannel> _healthChannels = [];

    public StatusBoard(IReadOnlyList<(GatewayClient Gateway, IReadOnlyList<SupervisedProcess> Processes)> nodes)
    {
        _nodes = nodes;
        foreach (var process in nodes.SelectMany(n => n.Processes).Where(p => p.Launch.Kind != ServiceKind.Gateway))
        {
            _healthChannels[process] = GatewayClient.HealthChannel(process.Launch);
        }
    }

    public async Task<IReadOnlyList<NodeStatus>> ReadAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_nodes.Select(n => ReadNodeAsync(n.Gateway, n.Processes, cancellationToken))).ConfigureAwait(false);

    public void Dispose()
    {
        foreach (var channel in _healthChannels.Values)
        {
            channel.Dispose();
        }
    }

    private async Task<NodeStatus> ReadNodeAsync(GatewayClient gateway, IReadOnlyList<SupervisedProcess> processes, CancellationToken cancellationToken)
    {
        var serving = await gateway.NotServingAsync(CallTimeout, cancellationToken).ConfigureAwait(false) is null;
        var services = await Task.WhenAll(processes.Select(async p => new ServiceStatus(
            p.Launch.Kind, p.State, p.Restarts, p.ProcessId,
            p.Launch.Kind == ServiceKind.Gateway ? serving : await HealthyAsync(_healthChannels[p], cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var feed = await TryAsync(async () => (ulong?)(await gateway.Indicators.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Deadline(), cancellationToken: cancellationToken)
            .ResponseAsync.ConfigureAwait(false)).LastSequence).ConfigureAwait(false);
        var links = await TryAsync(async () => (IReadOnlyList<LinkStatus>?)(await gateway.Federation.ListLinksAsync(new ListLinksRequest(), deadline: Deadline(), cancellationToken: cancellationToken)
            .ResponseAsync.ConfigureAwait(false)).Links).ConfigureAwait(false);
        return new NodeStatus
        {
            Nation = gateway.Nation,
            Tier = gateway.Material.Node.Tier,
            Services = services,
            Serving = serving,
            FeedSequence = feed,
            Links = links,
        };
    }

    private static async Task<bool?> HealthyAsync(GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var answer = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: Deadline(), cancellationToken: cancellationToken)
                .ResponseAsync.ConfigureAwait(false);
            return answer.Status == HealthCheckResponse.Types.ServingStatus.Serving;
        }
        catch (RpcException)
        {
            return false;
        }
    }

    private static async Task<T?> TryAsync<T>(Func<Task<T?>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (RpcException)
        {
            return default;
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallTimeout;
}
