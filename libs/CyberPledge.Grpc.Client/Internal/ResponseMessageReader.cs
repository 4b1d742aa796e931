using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Grpc.Core;
using Grpc.Net.Compression;
using Grpc.Net.Internal;

namespace Grpc.Net.Client.Internal;

/// <summary>
/// Reads the length-prefixed messages of a response body into one pooled buffer and deserializes them in place.
/// Only the reading side touches the buffer: it is returned to the pool at the end of the body or on an error.
/// The reader is itself the deserializer's context for the message it has just cut (one object per call, not two).
/// </summary>
internal sealed class ResponseMessageReader<T> : DeserializationContext
{
    private const int InitialBufferSize = 4096;
    private const int MinimumReadSize = 1024;
    private const int Prefix = GrpcProtocolConstants.MessagePrefixSize;

    private readonly Stream _stream;
    private readonly Func<DeserializationContext, T> _deserializer;
    private readonly int? _maxMessageSize;
    private readonly string? _encoding;
    private readonly IReadOnlyList<ICompressionProvider> _providers;
    private byte[]? _buffer;
    private int _start;
    private int _end;
    private ReadOnlySequence<byte> _payload;

    public ResponseMessageReader(Stream stream, Func<DeserializationContext, T> deserializer, int? maxMessageSize, string? encoding, IReadOnlyList<ICompressionProvider> providers)
    {
        _stream = stream;
        _deserializer = deserializer;
        _maxMessageSize = maxMessageSize;
        _encoding = encoding;
        _providers = providers;
    }

    public T Current { get; private set; } = default!;

    /// <summary>Reads the next message into <see cref="Current"/>; false at the clean end of the body.</summary>
    /// <exception cref="RpcException">The body breaks the protocol or a limit.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                _buffer ??= ArrayPool<byte>.Shared.Rent(InitialBufferSize);
                var buffered = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
                var result = MessageFraming.TryReadMessage(ref buffered, _maxMessageSize, out var payload, out var isCompressed);
                if (result == FrameReadResult.Message)
                {
                    Current = Deserialize(payload, isCompressed);
                    _start = _end - (int)buffered.Length;
                    return true;
                }
                if (result == FrameReadResult.TooLarge)
                {
                    throw new RpcException(GrpcProtocolConstants.ReceiveMessageTooLarge);
                }
                MakeRoom();
                var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (_end > _start)
                    {
                        throw new RpcException(GrpcProtocolConstants.IncompleteMessage);
                    }
                    ReturnBuffer();
                    return false;
                }
                _end += read;
            }
        }
        catch
        {
            ReturnBuffer();
            throw;
        }
    }

    public override int PayloadLength => checked((int)_payload.Length);

    public override byte[] PayloadAsNewBuffer() => _payload.ToArray();

    /// <summary>The message in the receive buffer, without a copy; valid only while the deserializer runs.</summary>
    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => _payload;

    /// <summary>Gives the buffer back when the reading side stops early (it must not be reading).</summary>
    public void ReturnBuffer()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
        _start = _end = 0;
    }

    private T Deserialize(ReadOnlySequence<byte> payload, bool isCompressed)
    {
        if (isCompressed)
        {
            payload = Decompress(payload);
        }
        _payload = payload;
        try
        {
            return _deserializer(this);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message.", ex));
        }
        finally
        {
            _payload = default;
        }
    }

    private ReadOnlySequence<byte> Decompress(ReadOnlySequence<byte> payload)
    {
        if (_encoding is null || _encoding == GrpcProtocolConstants.IdentityEncoding)
        {
            throw new RpcException(GrpcProtocolConstants.CompressedFlagWithoutEncoding);
        }
        var provider = MessageCompression.Find(_providers, _encoding)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Received a message compressed with unsupported grpc-encoding '" + _encoding + "'."));
        return MessageCompression.TryDecompress(provider, payload, _maxMessageSize, out var decompressed)
            ? new ReadOnlySequence<byte>(decompressed)
            : throw new RpcException(GrpcProtocolConstants.ReceiveMessageTooLarge);
    }

    /// <summary>
    /// Makes space after the buffered bytes: room for the whole pending message once its prefix is known, and at least
    /// <see cref="MinimumReadSize"/> bytes so reads stay large. Moves the buffered bytes only when they must.
    /// </summary>
    private void MakeRoom()
    {
        var buffered = _end - _start;
        var needed = buffered >= Prefix
            ? Prefix + (long)BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1, 4)) // TryReadMessage bounded it
            : Prefix;
        var required = (int)Math.Min(Math.Max(needed, buffered + MinimumReadSize), Array.MaxLength);
        if (_buffer!.Length - _start >= required)
        {
            return;
        }
        var target = _buffer.Length >= required ? _buffer : ArrayPool<byte>.Shared.Rent(Math.Max(required, InitialBufferSize));
        _buffer.AsSpan(_start, buffered).CopyTo(target);
        if (!ReferenceEquals(target, _buffer))
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = target;
        }
        _start = 0;
        _end = buffered;
    }
}
