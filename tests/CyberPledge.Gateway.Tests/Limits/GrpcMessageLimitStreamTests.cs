using CyberPledge.Gateway.Limits;

namespace CyberPledge.Gateway.Tests.Limits;

public sealed class GrpcMessageLimitStreamTests
{
    [Fact]
    public async Task Read_MessagesWithinLimitInOddChunks_PassesEveryByteAndCountsThem()
    {
        var body = Frames(10, 0, 100, 3);
        var stream = new GrpcMessageLimitStream(new ChunkedStream(body, chunk: 3), maxMessageBytes: 100);

        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal(body, copy.ToArray());
        Assert.Equal(body.Length, stream.BytesRead);
        Assert.False(stream.Exceeded);
    }

    [Fact]
    public async Task Read_SecondMessageAnnouncesMoreThanLimit_FailsBeforeItsPayload()
    {
        var body = Frames(10, 101);
        var stream = new GrpcMessageLimitStream(new ChunkedStream(body, chunk: 7), maxMessageBytes: 100);
        var buffer = new byte[7];
        var passed = 0;

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                passed += read;
            }
        });

        Assert.True(stream.Exceeded);
        // The failing read is the one that completes the second prefix (bytes 15..20): the 101-byte payload never passes.
        Assert.True(passed <= 5 + 10 + 5, $"passed {passed} bytes");
    }

    [Fact]
    public async Task Read_PrefixSplitAcrossReads_StillSeesTheLength()
    {
        var body = Frames(200);
        var stream = new GrpcMessageLimitStream(new ChunkedStream(body, chunk: 1), maxMessageBytes: 199);

        await Assert.ThrowsAsync<IOException>(() => stream.CopyToAsync(Stream.Null));
    }

    private static byte[] Frames(params int[] lengths)
    {
        var output = new MemoryStream();
        foreach (var length in lengths)
        {
            output.WriteByte(0);
            output.Write([(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length]);
            output.Write(Enumerable.Repeat((byte)0xAB, length).ToArray());
        }

        return output.ToArray();
    }

    /// <summary>Returns at most <c>chunk</c> bytes a read, as a network does.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
