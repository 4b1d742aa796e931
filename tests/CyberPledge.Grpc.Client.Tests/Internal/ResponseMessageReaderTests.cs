using System.Buffers;
using Grpc.Net.Client.Internal;
using Grpc.Net.Internal;

namespace CyberPledge.Grpc.Client.Tests.Internal;

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

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(777)]
    [InlineData(5000)]
    [InlineData(65536)]
    public async Task MoveNextAsync_MessagesArrivingInPieces_ReadsEachWhole(int pieceSize)
    {
        var random = new Random(pieceSize);
        var payloads = new[] { 1, 0, 10_000, 2, 4091, 4096, 70_000, 3, 1019, 1024, 200_000, 0 }
            .Select(size => Enumerable.Range(0, size).Select(_ => (byte)random.Next()).ToArray()).ToArray();
        var wire = payloads.SelectMany(p => GrpcWire.Frame(p)).ToArray();

        var messages = await ReadAllAsync(Reader(new PieceStream(wire, pieceSize)));

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

    /// <summary>A stream that returns at most <paramref name="pieceSize"/> bytes per read, as a network might.</summary>
    private sealed class PieceStream(byte[] data, int pieceSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(pieceSize, buffer.Length)], cancellationToken);
    }
}
