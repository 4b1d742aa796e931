using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Tokens that passed validation, by SHA-256 digest, each kept until its expiry and never past it (DESIGN.md
/// Decision 2: a call does not pay a signature on both sides). Failures are never cached.
/// </summary>
internal sealed class VerifiedTokenCache(int capacity)
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<TokenDigest, VerifiedToken> _tokens = new();

    public int Capacity => capacity;

    public int Count => _tokens.Count;

    public bool TryGet(TokenDigest digest, DateTimeOffset now, out VerifiedToken token)
    {
        if (!_tokens.TryGetValue(digest, out token!))
        {
            return false;
        }
        if (now < token.Expires)
        {
            return true;
        }
        _tokens.TryRemove(new KeyValuePair<TokenDigest, VerifiedToken>(digest, token));
        return false;
    }

    /// <summary>Adds a token unless it has expired; returns false when the cache was full and had to be emptied.</summary>
    public bool Add(TokenDigest digest, VerifiedToken token, DateTimeOffset now)
    {
        if (token.Expires <= now)
        {
            return true;
        }
        var emptied = false;
        if (_tokens.Count >= capacity)
        {
            foreach (var (key, value) in _tokens)
            {
                if (value.Expires <= now)
                {
                    _tokens.TryRemove(key, out _);
                }
            }
            // Only valid tokens get here, so a full cache means many live callers: start over rather than pick victims.
            if (_tokens.Count >= capacity)
            {
                _tokens.Clear();
                emptied = true;
            }
        }
        _tokens[digest] = token;
        return !emptied;
    }
}

/// <summary>A validated token: the caller's identity after role filtering, and when the token expires.</summary>
internal sealed record VerifiedToken(ClaimsIdentity Identity, SecurityToken SecurityToken, DateTimeOffset Expires);

/// <summary>The SHA-256 digest of a token, the cache key: the token itself is not kept as a key.</summary>
internal readonly record struct TokenDigest(ulong A, ulong B, ulong C, ulong D)
{
    private const int StackLimit = 2048;

    public static TokenDigest Of(string token)
    {
        var max = Encoding.UTF8.GetMaxByteCount(token.Length);
        byte[]? rented = null;
        Span<byte> buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(token, buffer);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], hash);
            return new TokenDigest(
                BinaryPrimitives.ReadUInt64LittleEndian(hash),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(hash[24..]));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
