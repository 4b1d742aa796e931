using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The cut links, in memory.</summary>
internal sealed partial class MemoryFederationStore
{
    private readonly Dictionary<string, DisabledLink> _disabled = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<DisabledLink>> DisabledLinksAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DisabledLink>>([.. _disabled.Values.OrderBy(l => l.Nation, StringComparer.Ordinal)]);
        }
    }

    public Task DisableLinkAsync(DisabledLink link, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _disabled[link.Nation] = link;
        }

        return Task.CompletedTask;
    }

    public Task<bool> EnableLinkAsync(string nation, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_disabled.Remove(nation));
        }
    }
}
