using System.Buffers;
using System.IO.Compression;
using Grpc.Net.Compression;

namespace Grpc.Net.Internal;

/// <summary>Compresses and decompresses single messages; each message has its own compression context.</summary>
internal static class MessageCompression
{
    public static byte[] Compress(ICompressionProvider provider, CompressionLevel? level, ReadOnlySpan<byte> message)
    {
        using var output = new MemoryStream();
        using (var compressor = provider.CreateCompressionStream(output, level))
        {
            compressor.Write(message);
        }
        return output.ToArray();
    }

    /// <summary>
    /// Decompresses a message, stopping as soon as the output passes <paramref name="maxMessageSize"/>,
    /// so a small compressed message cannot expand without bound. False when it is too large.
    /// </summary>
    public static bool TryDecompress(ICompressionProvider provider, ReadOnlySequence<byte> message, int? maxMessageSize, out byte[] result)
    {
        var limit = maxMessageSize ?? int.MaxValue;
        using var input = new MemoryStream(message.ToArray(), writable: false);
        using var decompressor = provider.CreateDecompressionStream(input);
        using var output = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = decompressor.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > limit)
                {
                    result = [];
                    return false;
                }
                output.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        result = output.ToArray();
        return true;
    }

    /// <summary>Finds the provider for an encoding name, or null.</summary>
    public static ICompressionProvider? Find(IReadOnlyList<ICompressionProvider> providers, string encodingName)
    {
        foreach (var provider in providers)
        {
            if (string.Equals(provider.EncodingName, encodingName, StringComparison.Ordinal))
            {
                return provider;
            }
        }
        return null;
    }

    /// <summary>The default providers: gzip and deflate.</summary>
    public static IReadOnlyList<ICompressionProvider> DefaultProviders { get; } =
        [new GzipCompressionProvider(CompressionLevel.Fastest), new DeflateCompressionProvider(CompressionLevel.Fastest)];

    /// <summary>The value of grpc-accept-encoding for a set of providers: identity first.</summary>
    public static string AcceptEncodingValue(IReadOnlyList<ICompressionProvider> providers) =>
        string.Join(',', new[] { GrpcProtocolConstants.IdentityEncoding }.Concat(providers.Select(p => p.EncodingName)));
}
