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
    ILogger<NodeHealth> logger) : BackgroundService
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    // Whether every service of the node answered SERVING at the last probe round (none yet: no).
    private volatile bool _servicesServing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backends = settings.Backends
            .Select(pair => new Backend(pair.Key, pair.Value, GatewayProxyConfig.PrefixesOf(pair.Key, pair.Value), GrpcChannel.ForAddress(pair.Value.Address)))
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
                    var status = await ProbeAsync(backend, stoppingToken).ConfigureAwait(false);
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
            foreach (var backend in backends)
            {
                backend.Channel.Dispose();
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

    private async Task<HealthCheckResponse.Types.ServingStatus> ProbeAsync(Backend backend, CancellationToken cancellationToken)
    {
        try
        {
            var client = new Grpc.Health.V1.Health.HealthClient(backend.Channel);
            var response = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow + ProbeTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return response.Status;
        }
        catch (RpcException e)
        {
            LogProbeFailed(logger, backend.Name, e.StatusCode);
            return HealthCheckResponse.Types.ServingStatus.NotServing;
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Debug, Message = "Health probe of {Backend} failed: {Status}")]
    private static partial void LogProbeFailed(ILogger logger, string backend, StatusCode status);

    private sealed record Backend(string Name, GatewayBackendOptions Options, IReadOnlyList<string> Prefixes, GrpcChannel Channel);
}
