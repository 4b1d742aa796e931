using System.Buffers;
using Grpc.Core;
using Grpc.Net.Compression;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>A framed request message in a pooled array; whoever holds it returns the array once it is sent.</summary>
internal readonly record struct FramedMessage(byte[] Buffer, int Length)
{
    public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);

    public void ReturnBuffer() => ArrayPool<byte>.Shared.Return(Buffer);
}

/// <summary>
/// Serializes one request message straight into a pooled array, behind five bytes left for the message prefix,
/// so framing needs no second copy. One instance per thread is reused: serializers are synchronous.
/// </summary>
internal sealed class MessageSerializationContext : SerializationContext, IBufferWriter<byte>
{
    private const int Prefix = GrpcProtocolConstants.MessagePrefixSize;
    private const int MinimumBufferSize = 256;

    [ThreadStatic]
    private static MessageSerializationContext? t_cached;

    private byte[]? _buffer;
    private int _payloadLength;
    private bool _completed;

    /// <summary>Serializes and frames a message; throws <see cref="RpcException"/> when it is larger than allowed.</summary>
    public static FramedMessage Frame<T>(Action<T, SerializationContext> serializer, T message, ICompressionProvider? compression, int? maxSendMessageSize)
    {
        var context = t_cached ?? new MessageSerializationContext();
        t_cached = null;
        try
        {
            serializer(message, context);
            if (!context._completed)
            {
                throw new InvalidOperationException("The serializer did not complete the message.");
            }
            if (context._payloadLength > maxSendMessageSize)
            {
                throw new RpcException(GrpcProtocolConstants.SendMessageTooLarge);
            }
            context.EnsureCapacity(0);
            if (compression is not null)
            {
                var compressed = MessageCompression.Compress(compression, null, context._buffer.AsSpan(Prefix, context._payloadLength));
                context._payloadLength = 0;
                context.EnsureCapacity(compressed.Length);
                compressed.CopyTo(context._buffer.AsSpan(Prefix));
                context._payloadLength = compressed.Length;
            }
            var buffer = context._buffer!;
            MessageFraming.WritePrefix(buffer, compression is not null, context._payloadLength);
            context._buffer = null;
            return new FramedMessage(buffer, Prefix + context._payloadLength);
        }
        finally
        {
            context.Reset();
            t_cached = context;
        }
    }

    public override void SetPayloadLength(int payloadLength) => EnsureCapacity(payloadLength);

    public override IBufferWriter<byte> GetBufferWriter() => this;

    public override void Complete() => _completed = true;

    public override void Complete(byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        EnsureCapacity(payload.Length);
        payload.CopyTo(_buffer.AsSpan(Prefix));
        _payloadLength = payload.Length;
        _completed = true;
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _payloadLength += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1) + _payloadLength);
        return _buffer.AsMemory(Prefix + _payloadLength);
    }

    public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    /// <summary>Makes room for a payload of <paramref name="payloadLength"/> bytes, keeping what is written.</summary>
    private void EnsureCapacity(int payloadLength)
    {
        var needed = Prefix + payloadLength;
        if (_buffer is not null && _buffer.Length >= needed)
        {
            return;
        }
        var grown = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Max(MinimumBufferSize, (_buffer?.Length ?? 0) * 2)));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, Prefix + _payloadLength).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = grown;
    }

    private void Reset()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
        _payloadLength = 0;
        _completed = false;
    }
}
