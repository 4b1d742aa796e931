using System.Buffers;
using System.Buffers.Binary;

namespace Grpc.Net.Internal;

/// <summary>What <see cref="MessageFraming.TryReadMessage"/> found in a buffer.</summary>
internal enum FrameReadResult
{
    /// <summary>The buffer does not yet hold a whole message.</summary>
    NeedMoreData,
    /// <summary>A whole message was cut from the buffer.</summary>
    Message,
    /// <summary>The length prefix announces a message larger than allowed.</summary>
    TooLarge,
}

/// <summary>The Length-Prefixed-Message framing: a compressed flag byte, a big-endian uint32 length, the message.</summary>
internal static class MessageFraming
{
    /// <summary>
    /// Cuts one message from the front of <paramref name="buffer"/>. An oversized length is reported as soon as the
    /// prefix is readable, before the body arrives, so a peer cannot make us buffer it.
    /// </summary>
    public static FrameReadResult TryReadMessage(ref ReadOnlySequence<byte> buffer, int? maxMessageSize, out ReadOnlySequence<byte> message, out bool isCompressed)
    {
        message = default;
        isCompressed = false;
        if (buffer.Length < GrpcProtocolConstants.MessagePrefixSize)
        {
            return FrameReadResult.NeedMoreData;
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocolConstants.MessagePrefixSize];
        buffer.Slice(0, GrpcProtocolConstants.MessagePrefixSize).CopyTo(prefix);
        var flag = prefix[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (length > (uint)(maxMessageSize ?? int.MaxValue) || length > int.MaxValue - GrpcProtocolConstants.MessagePrefixSize)
        {
            return FrameReadResult.TooLarge;
        }

        var total = GrpcProtocolConstants.MessagePrefixSize + (long)length;
        if (buffer.Length < total)
        {
            return FrameReadResult.NeedMoreData;
        }

        // Any non-zero flag is read as "compressed"; only bit 0 is defined.
        isCompressed = (flag & 0x01) != 0;
        message = buffer.Slice(GrpcProtocolConstants.MessagePrefixSize, length);
        buffer = buffer.Slice(total);
        return FrameReadResult.Message;
    }

    /// <summary>Writes a message prefix into the first five bytes of <paramref name="destination"/>.</summary>
    public static void WritePrefix(Span<byte> destination, bool isCompressed, int messageLength)
    {
        destination[0] = isCompressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)messageLength);
    }

    /// <summary>Writes a whole framed message to a buffer writer.</summary>
    public static void WriteMessage(IBufferWriter<byte> writer, ReadOnlySpan<byte> message, bool isCompressed)
    {
        var span = writer.GetSpan(GrpcProtocolConstants.MessagePrefixSize + message.Length);
        WritePrefix(span, isCompressed, message.Length);
        message.CopyTo(span[GrpcProtocolConstants.MessagePrefixSize..]);
        writer.Advance(GrpcProtocolConstants.MessagePrefixSize + message.Length);
    }
}
