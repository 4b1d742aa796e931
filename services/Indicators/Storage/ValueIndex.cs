using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Storage;

/// <summary>
/// The dedup index (type, value) → sequences of the latest-version rows with that key, kept in
/// memory instead of in SQLite. Values are effectively random (hashes, addresses), so a B-tree
/// index on them dirties a different page for almost every insert: at 1,000 indicators per
/// commit that tripled the bytes each commit wrote and fsynced. Keys are a 64-bit hash, so a
/// lookup yields candidates that the caller confirms against the row. Loaded at open
/// (about a second per million indicators), about 80 MB per million.
/// </summary>
/// <remarks>
/// Readers see committed entries only. The single writer sees its own uncommitted changes
/// through an overlay that is applied at commit, cut back at a savepoint rollback and dropped
/// at a transaction rollback.
/// </remarks>
internal sealed class ValueIndex
{
    private readonly ConcurrentDictionary<long, long[]> _committed = new();
    private readonly Dictionary<long, long[]> _overlay = [];
    private readonly List<(long Key, long[] Sequences)> _log = [];

    public int Count => _committed.Count;

    public static long Key(IndicatorType type, string value)
    {
        var bytes = new byte[4 + Encoding.UTF8.GetByteCount(value)];
        BinaryPrimitives.WriteInt32BigEndian(bytes, (int)type);
        Encoding.UTF8.GetBytes(value, bytes.AsSpan(4));
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(bytes));
    }

    /// <summary>Committed candidates (readers).</summary>
    public long[] Committed(long key) => _committed.TryGetValue(key, out var sequences) ? sequences : [];

    /// <summary>Candidates including the open transaction's changes (the writer only).</summary>
    public long[] Current(long key) => _overlay.TryGetValue(key, out var sequences) ? sequences : Committed(key);

    /// <summary>Records that the key's rows are now <paramref name="sequences"/> (the writer only, uncommitted).</summary>
    public void Set(long key, long[] sequences)
    {
        _overlay[key] = sequences;
        _log.Add((key, sequences));
    }

    /// <summary>Loads a committed entry at open.</summary>
    public void Load(long key, long sequence) =>
        _committed.AddOrUpdate(key, [sequence], (_, existing) => [.. existing, sequence]);

    public int Savepoint() => _log.Count;

    public void RollbackTo(int savepoint)
    {
        _log.RemoveRange(savepoint, _log.Count - savepoint);
        _overlay.Clear();
        foreach (var (key, sequences) in _log)
        {
            _overlay[key] = sequences;
        }
    }

    public void Commit()
    {
        foreach (var (key, sequences) in _overlay)
        {
            if (sequences.Length == 0)
            {
                _committed.TryRemove(key, out _);
            }
            else
            {
                _committed[key] = sequences;
            }
        }

        Rollback();
    }

    public void Rollback()
    {
        _overlay.Clear();
        _log.Clear();
    }
}
