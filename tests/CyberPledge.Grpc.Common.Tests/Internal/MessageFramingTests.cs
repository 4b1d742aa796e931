using System.Buffers;
using Grpc.Net.Internal;
using Xunit;

namespace CyberPledge.Grpc.Common.Tests.Internal;

public sealed class MessageFramingTests
{
    /// <summary>A sequence made of one segment per byte: the worst split a transport can produce.</summary>
    private static ReadOnlySequence<byte> OneBytePerSegment(byte[] data)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }
        var first = new Segment(data.AsMemory(0, 1), 0);
        var last = first;
        for (var i = 1; i < data.Length; i++)
        {
            last = last.Append(data.AsMemory(i, 1));
        }
        return new ReadOnlySequence<byte>(first, 0, last, 1);
    }

    private static byte[] Framed(byte[] message, byte flag = 0)
    {
        var writer = new ArrayBufferWriter<byte>();
        MessageFraming.WriteMessage(writer, message, isCompressed: flag == 1);
        return writer.WrittenSpan.ToArray();
    }

    [Fact]
    public void WriteMessage_WritesFlagAndBigEndianLength()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 1, 2, 7, 7 }[..5], Framed(new byte[258])[..5]);
        Assert.Equal(new byte[] { 1, 0, 0, 0, 3, 9, 8, 7 }, Framed([9, 8, 7], flag: 1));
    }

    [Fact]
    public void TryReadMessage_MessageSplitIntoSingleBytes_Reassembled()
    {
        var buffer = OneBytePerSegment([.. Framed([1, 2, 3]), .. Framed([4])]);

        Assert.Equal(FrameReadResult.Message, MessageFraming.TryReadMessage(ref buffer, 100, out var first, out var compressed));
        Assert.False(compressed);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.ToArray());
        Assert.Equal(FrameReadResult.Message, MessageFraming.TryReadMessage(ref buffer, 100, out var second, out _));
        Assert.Equal(new byte[] { 4 }, second.ToArray());
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void TryReadMessage_ZeroLengthMessage_IsAMessage()
    {
        var buffer = new ReadOnlySequence<byte>(Framed([]));

        Assert.Equal(FrameReadResult.Message, MessageFraming.TryReadMessage(ref buffer, 0, out var message, out _));
        Assert.True(message.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(7)]
    public void TryReadMessage_Incomplete_NeedsMoreDataAndLeavesBuffer(int available)
    {
        var buffer = new ReadOnlySequence<byte>(Framed([1, 2, 3, 4])[..available]);

        Assert.Equal(FrameReadResult.NeedMoreData, MessageFraming.TryReadMessage(ref buffer, 100, out _, out _));
        Assert.Equal(available, buffer.Length);
    }

    [Fact]
    public void TryReadMessage_LengthPastLimit_TooLargeFromThePrefixAlone()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0, 0, 0, 101 });

        Assert.Equal(FrameReadResult.TooLarge, MessageFraming.TryReadMessage(ref buffer, 100, out _, out _));
    }

    [Fact]
    public void TryReadMessage_MaximumLengthPrefix_TooLargeEvenWithoutLimit()
    {
        var buffer = new ReadOnlySequence<byte>(new byte[] { 0, 0xFF, 0xFF, 0xFF, 0xFF });

        Assert.Equal(FrameReadResult.TooLarge, MessageFraming.TryReadMessage(ref buffer, null, out _, out _));
    }

    [Fact]
    public void TryReadMessage_CompressedFlag_Reported()
    {
        var buffer = new ReadOnlySequence<byte>(Framed([5], flag: 1));

        MessageFraming.TryReadMessage(ref buffer, 100, out _, out var compressed);

        Assert.True(compressed);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
