using System.Buffers;
using Grpc.Core;
using Grpc.Net.Client.Internal;
using Grpc.Net.Client.Tests.Infrastructure;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Tests.Internal;

public sealed class ResponseMessageReaderTests
{
    private static ResponseMessageReader<byte[]> Reader(Stream stream, int? maxSize = null, string? encoding = null) =>
        new(stream, context => context.PayloadAsNewBuffer(), maxSize, encoding, MessageCompression.DefaultProviders);

    private static async Task<List<byte[]>> ReadAllAsync(ResponseMessageReader<byte[]> reader)
    {
        var messages = new List<byte[]>();
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            messages.Add(reader.Current);
        }
        return messages;
    }

    [Fact]
    public async Task MoveNextAsync_MessagesArrivingOneByteAtATime_ReadsEachWhole()
    {
        var payloads = new[] { new byte[] { 1 }, [], Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray(), [2, 3] };
        var wire = payloads.SelectMany(p => GrpcWire.Frame(p)).ToArray();

        var messages = await ReadAllAsync(Reader(new TrickleStream(wire)));

        Assert.Equal(payloads, messages);
    }

    [Fact]
    public async Task MoveNextAsync_ManyMessagesInOneRead_ReadsAll()
    {
        var payloads = Enumerable.Range(0, 500).Select(i => new byte[] { (byte)i, (byte)(i >> 8) }).ToArray();

        var messages = await ReadAllAsync(Reader(new MemoryStream(payloads.SelectMany(p => GrpcWire.Frame(p)).ToArray())));

        Assert.Equal(payloads, messages);
    }

    [Fact]
    public async Task MoveNextAsync_PrefixAnnouncesTooLarge_ResourceExhaustedBeforeBody()
    {
        var prefixOnly = GrpcWire.Frame(new byte[101]).AsSpan(0, 5).ToArray();

        var error = await Assert.ThrowsAsync<RpcException>(() => Reader(new MemoryStream(prefixOnly), maxSize: 100).MoveNextAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task MoveNextAsync_BodyEndsInsideMessage_Internal()
    {
        var cut = GrpcWire.Frame([1, 2, 3, 4])[..7];

        var error = await Assert.ThrowsAsync<RpcException>(() => Reader(new MemoryStream(cut)).MoveNextAsync(CancellationToken.None).AsTask());

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task MoveNextAsync_GzipMessage_Decompressed()
    {
        var wire = GrpcWire.Frame(GrpcWire.Gzip([5, 6, 7]), flag: 1);

        var messages = await ReadAllAsync(Reader(new MemoryStream(wire), encoding: "gzip"));

        Assert.Equal([5, 6, 7], Assert.Single(messages));
    }

    [Fact]
    public async Task MoveNextAsync_DeserializerSeesZeroCopySequence_PayloadMatches()
    {
        var wire = GrpcWire.Frame([9, 8, 7]);
        var reader = new ResponseMessageReader<string>(new MemoryStream(wire),
            context => context.PayloadLength + ":" + string.Join(",", context.PayloadAsReadOnlySequence().ToArray()), null, null, MessageCompression.DefaultProviders);

        Assert.True(await reader.MoveNextAsync(CancellationToken.None));

        Assert.Equal("3:9,8,7", reader.Current);
    }

    /// <summary>A stream that returns at most one byte per read, as a slow network might.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
    }
}
