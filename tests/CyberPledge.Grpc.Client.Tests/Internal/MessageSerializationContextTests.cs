using System.Buffers;
using Grpc.Net.Client.Internal;
using Grpc.Net.Compression;

namespace CyberPledge.Grpc.Client.Tests.Internal;

public sealed class MessageSerializationContextTests
{
    private static byte[] Bytes(FramedMessage framed)
    {
        var bytes = framed.Memory.ToArray();
        framed.ReturnBuffer();
        return bytes;
    }

    [Fact]
    public void Frame_CompleteWithArray_PrefixAndPayload()
    {
        var framed = MessageSerializationContext.Frame<byte[]>((message, context) => context.Complete(message), [1, 2, 3], null, null);

        Assert.Equal(new byte[] { 0, 0, 0, 0, 3, 1, 2, 3 }, Bytes(framed));
    }

    [Fact]
    public void Frame_BufferWriterWithAnnouncedLength_PrefixAndPayload()
    {
        var payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();

        var framed = MessageSerializationContext.Frame<byte[]>((message, context) =>
        {
            context.SetPayloadLength(message.Length);
            var writer = context.GetBufferWriter();
            writer.Write(message.AsSpan(0, 10));
            writer.Write(message.AsSpan(10));
            context.Complete();
        }, payload, null, null);

        Assert.Equal(new byte[] { 0, 0, 0, 0x03, 0xE8 }.Concat(payload), Bytes(framed));
    }

    [Fact]
    public void Frame_BufferWriterGrowingPastInitialBuffer_KeepsEveryByte()
    {
        var payload = Enumerable.Range(0, 100_000).Select(i => (byte)(i * 7)).ToArray();

        var framed = MessageSerializationContext.Frame<byte[]>((message, context) =>
        {
            var writer = context.GetBufferWriter();
            foreach (var chunk in message.Chunk(333))
            {
                writer.Write(chunk);
            }
            context.Complete();
        }, payload, null, null);

        var bytes = Bytes(framed);
        Assert.Equal(payload.Length + 5, bytes.Length);
        Assert.Equal(payload, bytes[5..]);
    }

    [Fact]
    public void Frame_EmptyMessage_PrefixOnly()
    {
        var framed = MessageSerializationContext.Frame<byte[]>((message, context) => context.Complete(message), [], null, null);

        Assert.Equal(new byte[5], Bytes(framed));
    }

    [Fact]
    public void Frame_OverMaxSize_ResourceExhausted()
    {
        var error = Assert.Throws<RpcException>(() => MessageSerializationContext.Frame<byte[]>((message, context) => context.Complete(message), new byte[11], null, 10));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public void Frame_SerializerNeverCompletes_Throws() =>
        Assert.Throws<InvalidOperationException>(() => MessageSerializationContext.Frame<byte[]>((_, context) => context.GetBufferWriter(), [], null, null));

    [Fact]
    public void Frame_WithGzip_FlagSetAndPayloadCompressed()
    {
        var payload = new byte[4096];

        var bytes = Bytes(MessageSerializationContext.Frame<byte[]>((message, context) => context.Complete(message), payload, new GzipCompressionProvider(System.IO.Compression.CompressionLevel.Fastest), null));

        Assert.Equal(1, bytes[0]);
        Assert.Equal(bytes.Length - 5, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)));
        Assert.Equal(payload, GrpcWire.Gunzip(bytes[5..]));
    }

    [Fact]
    public void Frame_SerializerThrows_ContextReusableAfterwards()
    {
        Assert.Throws<FormatException>(() => MessageSerializationContext.Frame<byte[]>((_, context) =>
        {
            context.GetBufferWriter().GetSpan(100);
            throw new FormatException();
        }, [], null, null));

        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 9 }, Bytes(MessageSerializationContext.Frame<byte[]>((message, context) => context.Complete(message), [9], null, null)));
    }
}
