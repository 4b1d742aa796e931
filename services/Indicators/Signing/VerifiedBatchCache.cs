using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CyberPledge.Indicators.Signing;

/// <summary>
/// Batch statements already verified, so the versions of one batch (a relayed feed carries
/// many) cost one ECDSA verification. Only successes are kept, keyed by a hash of key,
/// statement and signature; when full it is simply emptied.
/// </summary>
internal sealed class VerifiedBatchCache
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, byte> _verified = new(StringComparer.Ordinal);

    public bool Contains(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature) =>
        _verified.ContainsKey(Key(publicKey, statement, signature));

    public void Add(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> statement, ReadOnlySpan<byte> signature)
    {
        if (_verified.Count >= Capacity)
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
