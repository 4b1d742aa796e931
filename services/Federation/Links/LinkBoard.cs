using System.Collections.Concurrent;
using CyberPledge.V1;

namespace CyberPledge.Federation.Links;

/// <summary>
/// The status of every link of this node, inbound (feeds it subscribes to) and outbound (subscribers it serves), as
/// ListLinks and GetLink show it to this nation's staff. Each link's owner updates its own entry.
/// </summary>
internal sealed class LinkBoard
{
    private readonly ConcurrentDictionary<(string Nation, LinkDirection Direction), LinkStatus> _links = new();

    /// <summary>A copy of every link's status, inbound first, by nation.</summary>
    public IReadOnlyList<LinkStatus> All() =>
        [.. _links.Values.Select(Copy).OrderBy(l => l.Direction).ThenBy(l => l.Nation, StringComparer.Ordinal)];

    /// <summary>A copy of one link's status, if it exists.</summary>
    public LinkStatus? Get(string nation, LinkDirection direction) =>
        _links.TryGetValue((nation, direction), out var status) ? Copy(status) : null;

    /// <summary>Changes one link's status under a lock (the entry is made on first update).</summary>
    public void Update(string nation, LinkDirection direction, Action<LinkStatus> change)
    {
        var status = _links.GetOrAdd((nation, direction), key => new LinkStatus { Nation = key.Nation, Direction = key.Direction });
        lock (status)
        {
            change(status);
        }
    }

    /// <summary>Removes a link (a peer removed from the registry).</summary>
    public void Remove(string nation, LinkDirection direction) => _links.TryRemove((nation, direction), out _);

    private static LinkStatus Copy(LinkStatus status)
    {
        lock (status)
        {
            return status.Clone();
        }
    }
}
