using System.Collections.Concurrent;

namespace CyberPledge.Federation.Storage;

/// <summary>
/// Per grantee, the origins of which it was ever given a copy, kept in memory by the store so that a stream does not
/// ask the database about every relayed version it routes past (at 32 nodes, most of a node's feed is other origins'
/// versions that a grantee gets from their origin directly and never from this node). A positive only means "look in
/// the database"; an origin is added before the write that records its first copy commits, so a lookup that starts
/// after a save began never misses it. The set never shrinks while the process runs. It assumes that this process is
/// the only writer of its store's copies, which holds for one Federation process per store (replicas sharing one
/// PostgreSQL need the once-per-node ownership of DESIGN.md, "Beyond one machine", before they serve streams).
/// </summary>
internal sealed class CopyOrigins
{
    private readonly ConcurrentDictionary<string, Lazy<Task<HashSet<(string Nation, string Node)>>>> _byGrantee = new(StringComparer.Ordinal);

    /// <summary>The keys of <paramref name="keys"/> whose origin the grantee ever got a copy of; the others cannot be in the store.</summary>
    public async Task<IReadOnlyCollection<CopyKey>> WorthLookingUpAsync(
        string grantee, IReadOnlyCollection<CopyKey> keys, Func<Task<HashSet<(string Nation, string Node)>>> load)
    {
        var origins = await OriginsAsync(grantee, load).ConfigureAwait(false);
        lock (origins)
        {
            return keys.Where(k => origins.Contains((k.OriginNation, k.OriginNodeId))).ToList();
        }
    }

    /// <summary>Notes the origins of <paramref name="keys"/> for the grantee; called before the write that stores them.</summary>
    public async Task NoteAsync(string grantee, IEnumerable<CopyKey> keys, Func<Task<HashSet<(string Nation, string Node)>>> load)
    {
        var origins = await OriginsAsync(grantee, load).ConfigureAwait(false);
        lock (origins)
        {
            foreach (var key in keys)
            {
                origins.Add((key.OriginNation, key.OriginNodeId));
            }
        }
    }

    private Task<HashSet<(string Nation, string Node)>> OriginsAsync(string grantee, Func<Task<HashSet<(string Nation, string Node)>>> load)
    {
        var entry = _byGrantee.GetOrAdd(grantee, _ => new Lazy<Task<HashSet<(string Nation, string Node)>>>(load));
        var task = entry.Value;
        if (task.IsFaulted || task.IsCanceled)
        {
            // A failed load (the database was briefly unavailable) is not remembered: the next call loads again.
            _byGrantee.TryRemove(new KeyValuePair<string, Lazy<Task<HashSet<(string Nation, string Node)>>>>(grantee, entry));
        }

        return task;
    }
}
