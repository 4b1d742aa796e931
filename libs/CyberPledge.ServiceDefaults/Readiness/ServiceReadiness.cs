using Grpc.HealthCheck;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace CyberPledge.ServiceDefaults.Readiness;

/// <summary>
/// Whether this service serves yet, told to the gRPC health service under "" (the whole server) and the service's own
/// name: NOT_SERVING until its start-up work is done and again once it begins to stop.
/// </summary>
public sealed class ServiceReadiness
{
    private readonly HealthServiceImpl _health;
    private readonly string _serviceName;
    private readonly TaskCompletionSource _serving = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isServing;

    /// <summary>Starts NOT_SERVING.</summary>
    public ServiceReadiness(HealthServiceImpl health, ServiceDescription service)
    {
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(service);
        _health = health;
        _serviceName = service.HealthServiceName;
        Report(ServingStatus.NotServing);
    }

    /// <summary>True between the end of the start-up work and the beginning of the shutdown.</summary>
    public bool IsServing => _isServing;

    /// <summary>Completes when the service first serves.</summary>
    public Task WhenServing => _serving.Task;

    /// <summary>The start-up work is done: SERVING.</summary>
    public void MarkServing()
    {
        _isServing = true;
        Report(ServingStatus.Serving);
        _serving.TrySetResult();
    }

    /// <summary>The service stops serving (shutdown): NOT_SERVING, so balancers send new calls elsewhere.</summary>
    public void MarkNotServing()
    {
        _isServing = false;
        Report(ServingStatus.NotServing);
    }

    private void Report(ServingStatus status)
    {
        _health.SetStatus("", status);
        _health.SetStatus(_serviceName, status);
    }
}
