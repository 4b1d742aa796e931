using System.Security.Cryptography;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>The Federation store in memory, for component tests: the same contract as the SQLite and PostgreSQL stores.</summary>
internal sealed partial class MemoryFederationStore : IFederationStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkCursor> _cursors = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Grantee, ulong Sequence), EmbargoHold> _holds = [];
    private readonly Dictionary<(string Grantee, CopyKey Key), SentCopy> _copies = [];
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    /// <summary>How many holds are kept, for every grantee.</summary>
    public int HoldCount
    {
        get
        {
            lock (_lock)
            {
                return _holds.Count;
            }
        }
    }

    public Task OpenAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<LinkCursor?> GetCursorAsync(string nation, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_cursors.GetValueOrDefault(nation));
        }
    }

    public Task SaveCursorAsync(string nation, LinkCursor cursor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _cursors[nation] = cursor;
        }

        return Task.CompletedTask;
    }

    public Task<byte[]> GetOrCreateSealingKeyAsync(CancellationToken cancellationToken) => Task.FromResult(_key.ToArray());

    public Task HoldAsync(string grantee, EmbargoHold hold, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _holds[(grantee, hold.Sequence)] = hold;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EmbargoHold>> DueHoldsAsync(string grantee, ReleasePosition after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<EmbargoHold> due = [.. Of(grantee).Where(h => h.Position > after && h.ReleaseAt <= upTo).Take(limit)];
            return Task.FromResult(due);
        }
    }

    public Task<DateTimeOffset?> NextReleaseAsync(string grantee, ReleasePosition after, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(Of(grantee).Where(h => h.Position > after).Select(h => (DateTimeOffset?)h.ReleaseAt).FirstOrDefault());
        }
    }

    public Task ForgetHoldsAsync(string grantee, ReleasePosition upTo, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var hold in Of(grantee).Where(h => h.Position <= upTo).ToList())
            {
                _holds.Remove((grantee, hold.Sequence));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<CopyKey, SentCopy>> GetCopiesAsync(string grantee, IReadOnlyCollection<CopyKey> keys, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<CopyKey, SentCopy> found = keys.Where(k => _copies.ContainsKey((grantee, k))).Distinct().ToDictionary(k => k, k => _copies[(grantee, k)]);
            return Task.FromResult(found);
        }
    }

    public Task SaveCopiesAsync(string grantee, IReadOnlyCollection<KeyValuePair<CopyKey, SentCopy>> updates, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var (key, copy) in updates)
            {
                _copies[(grantee, key)] = _copies.TryGetValue((grantee, key), out var known) ? known.Merge(copy) : copy;
            }
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private IEnumerable<EmbargoHold> Of(string grantee) =>
        _holds.Where(h => h.Key.Grantee == grantee).Select(h => h.Value).OrderBy(h => h.Position);
}
