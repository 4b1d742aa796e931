using CyberPledge.Gateway.Peers;
using CyberPledge.Gateway.Routing;
using CyberPledge.ServiceDefaults.Readiness;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Grpc.Net.Client;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;

namespace CyberPledge.Gateway.Health;

/// <summary>
/// The node's health as the gateway's own <c>grpc.health.v1</c> reports it: each service behind it under its gRPC
/// service names (asked over its own health service every probe interval), and "" (the node) SERVING only while the
/// gateway serves, the registry is loaded and every service of the node serves.
/// </summary>
internal sealed partial class NodeHealth(
    IOptions<GatewayOptions> options,
    HealthServiceImpl health,
    ServiceReadiness readiness,
    PeerTrust trust,
    ReplicaHealth replicas,
    IProxyStateLookup proxyState,
    IClusterDestinationsUpdater destinations,
    ILogger<NodeHealth> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    // Whether every service of the node answered SERVING at the last probe round (none yet: no).
    private volatile bool _servicesServing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backends = settings.Backends
            .Select(pair => new Backend(pair.Key, pair.Value, GatewayProxyConfig.PrefixesOf(pair.Key, pair.Value), [.. pair.Value.Addresses.Select(a => GrpcChannel.ForAddress(a))]))
            .ToList();
        // The gateway's readiness reports "" SERVING when its start-up work is done; the node's status replaces it at
        // once, from the probes so far, rather than at the next probe round.
        _ = readiness.WhenServing.ContinueWith(_ => ReportNode(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            using var timer = new PeriodicTimer(settings.HealthProbeInterval);
            do
            {
                var servicesServing = true;
                foreach (var backend in backends)
                {
                    var status = await ProbeReplicasAsync(backend, stoppingToken).ConfigureAwait(false);
                    foreach (var prefix in backend.Prefixes)
                    {
                        health.SetStatus(prefix.Trim('/'), status);
                    }

                    servicesServing &= status == HealthCheckResponse.Types.ServingStatus.Serving || !backend.Options.PartOfNode;
                }

                _servicesServing = servicesServing;
                ReportNode();
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var channel in backends.SelectMany(b => b.Channels))
            {
                channel.Dispose();
            }
        }
    }

    /// <summary>"" (the node): SERVING while the gateway serves, the registry is loaded and every service serves.</summary>
    private void ReportNode()
    {
        // Shutdown reports NOT_SERVING itself (ServiceReadiness); the node's status never overrides that.
        if (readiness.IsServing)
        {
            health.SetStatus("", _servicesServing && trust.IsLoaded ? HealthCheckResponse.Types.ServingStatus.Serving : HealthCheckResponse.Types.ServingStatus.NotServing);
        }
    }

    /// <summary>
    /// Probes each replica of a backend, tells the forwarder which ones serve (ReplicaHealth), and answers for the
    /// service: SERVING while at least one replica serves.
    /// </summary>
    private async Task<HealthCheckResponse.Types.ServingStatus> ProbeReplicasAsync(Backend backend, CancellationToken cancellationToken)
    {
        var statuses = await Task.WhenAll(backend.Channels.Select(channel => ProbeAsync(backend.Name, channel, cancellationToken))).ConfigureAwait(false);
        var changed = false;
        for (var replica = 0; replica < statuses.Length; replica++)
        {
            changed |= replicas.Report(ReplicaHealth.DestinationId(backend.Name, replica), statuses[replica] == HealthCheckResponse.Types.ServingStatus.Serving);
        }

        if (changed && statuses.Length > 1 && proxyState.TryGetCluster(backend.Name, out var cluster))
        {
            destinations.UpdateAvailableDestinations(cluster);
        }

        return statuses.Contains(HealthCheckResponse.Types.ServingStatus.Serving) ? HealthCheckResponse.Types.ServingStatus.Serving : statuses[0];
    }

    private async Task<HealthCheckResponse.Types.ServingStatus> ProbeAsync(string name, GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var client = new Grpc.Health.V1.Health.HealthClient(channel);
            var response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + ProbeTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return response.Status;
        }
        catch (RpcException e)
        {
            LogProbeFailed(logger, name, e.StatusCode);
            return HealthCheckResponse.Types.ServingStatus.NotServing;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Health probe of {Backend} failed: {Status}")]
    private static partial void LogProbeFailed(ILogger logger, string backend, StatusCode status);

    private sealed record Backend(string Name, GatewayBackendOptions Options, IReadOnlyList<string> Prefixes, IReadOnlyList<GrpcChannel> Channels);
}
