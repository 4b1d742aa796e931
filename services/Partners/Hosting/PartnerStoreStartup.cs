using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.Partners.Hosting;

/// <summary>Opens the store before the service serves (health says NOT_SERVING meanwhile).</summary>
internal sealed class PartnerStoreStartup(IServiceProvider services) : IStartupWork
{
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.Run(() => services.GetRequiredService<IPartnerStore>(), cancellationToken);
}
