using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CyberPledge.Signing;

/// <summary>
/// Batch statements already verified, so the versions of one batch (a relayed feed carries
/// many) cost one ECDSA verification. Only successes are kept, keyed by a hash of key,
/// statement and signature; when full it is simply emptied. Each verifier is given its own,
/// so nodes hosted in one process never trust each other's verifications.
/// </summary>
public sealed class VerifiedBatchCache
{
    /// <summary>The capacity a node uses: enough batches for a relayed feed's catch-up.</summary>
    public const int DefaultCapacity = 4096;

    private readonly int _capacity;
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    /// <summary>An empty cache that holds at most <paramref name="capacity"/> verified batches.</summary>
    public VerifiedBatchCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    internal bool Contains(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature) =>
        _verified.ContainsKey(Key(publicKey, statement, signature));

    internal void Add(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature)
    {
        if (_verified.Count >= _capacity)
        {
            _verified.Clear();
        }

        _verified.TryAdd(Key(publicKey, statement, signature), 0);
    }

    private static string Key(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(publicKey);
        hash.AppendData(statement);
        hash.AppendData(signature);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
