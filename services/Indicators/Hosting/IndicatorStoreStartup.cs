using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.Indicators.Hosting;

/// <summary>Opens the store and the signing key before the service serves (health says NOT_SERVING meanwhile).</summary>
internal sealed class IndicatorStoreStartup(IServiceProvider services) : IStartupWork
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Run(() => services.GetRequiredService<IndicatorLedger>(), cancellationToken);
}
