using System.Buffers.Binary;

namespace CyberPledge.Gateway.Limits;

/// <summary>
/// The request body of a gRPC call as it is forwarded, read through: it follows the length-prefixed messages
/// (1 byte compressed flag, 4 bytes length) and fails the read as soon as a message announces more than the limit,
/// before its payload is forwarded. Counts the bytes for the access log.
/// </summary>
internal sealed class GrpcMessageLimitStream(Stream inner, int maxMessageBytes) : Stream
{
    private const int PrefixLength = 5;

    private readonly byte[] _prefix = new byte[PrefixLength];
    private int _prefixFilled;
    private long _payloadLeft;

    /// <summary>Whether a message over the limit was announced.</summary>
    public bool Exceeded { get; private set; }

    /// <summary>The bytes read so far.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Follow(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Follow(buffer.AsSpan(offset, read));
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void Follow(ReadOnlySpan<byte> data)
    {
        BytesRead += data.Length;
        while (!data.IsEmpty)
        {
            if (_payloadLeft > 0)
            {
                var skip = (int)Math.Min(_payloadLeft, data.Length);
                _payloadLeft -= skip;
                data = data[skip..];
                continue;
            }

            var take = Math.Min(PrefixLength - _prefixFilled, data.Length);
            data[..take].CopyTo(_prefix.AsSpan(_prefixFilled));
            _prefixFilled += take;
            data = data[take..];
            if (_prefixFilled < PrefixLength)
            {
                return;
            }

            _prefixFilled = 0;
            _payloadLeft = BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
            if (_payloadLeft > maxMessageBytes)
            {
                Exceeded = true;
                throw new IOException($"A request message of {_payloadLeft} bytes is over the gateway's limit of {maxMessageBytes} bytes.");
            }
        }
    }
}
