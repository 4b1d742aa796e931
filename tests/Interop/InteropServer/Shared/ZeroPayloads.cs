using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.Testing;

namespace CyberPledge.InteropServer.Shared;

/// <summary>
/// Payloads of zeros, the only body the interop test description asks for. Compiled into both the server
/// and the client (linked). A payload is never mutated after creation, so one instance per size is shared
/// by every message that carries it: a response costs no body allocation or copy.
/// </summary>
internal static class ZeroPayloads
{
    // Bounds the cache: at most MaxCachedSizes bodies of at most MaxCachedBodySize bytes (64 MiB worst case).
    private const int MaxCachedSizes = 64;
    private const int MaxCachedBodySize = 1024 * 1024;

    private static readonly ConcurrentDictionary<int, Payload> Cache = new();

    /// <summary>A COMPRESSABLE payload of <paramref name="size"/> zero bytes; shared, do not modify.</summary>
    public static Payload OfSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (Cache.TryGetValue(size, out var cached))
        {
            return cached;
        }
        var payload = new Payload
        {
            Type = PayloadType.Compressable,
            Body = size == 0 ? ByteString.Empty : UnsafeByteOperations.UnsafeWrap(new byte[size]),
        };
        if (size <= MaxCachedBodySize && Cache.Count < MaxCachedSizes)
        {
            Cache.TryAdd(size, payload);
        }
        return payload;
    }

    /// <summary>True when every byte of <paramref name="body"/> is zero.</summary>
    public static bool IsAllZeros(ByteString body) => !body.Span.ContainsAnyExcept((byte)0);
}
