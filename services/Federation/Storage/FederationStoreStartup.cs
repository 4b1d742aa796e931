using CyberPledge.ServiceDefaults.Readiness;

namespace CyberPledge.Federation.Storage;

/// <summary>Opens the store before the service serves (health says NOT_SERVING meanwhile).</summary>
internal sealed class FederationStoreStartup(IFederationStore store) : IStartupWork
{
    public Task RunAsync(CancellationToken cancellationToken) => store.OpenAsync(cancellationToken);
}
