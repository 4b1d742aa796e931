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
/// </summary>
internal sealed class ResponseMessageReader<T>
{
    private const int InitialBufferSize = 4096;
    private const int Prefix = GrpcProtocolConstants.MessagePrefixSize;

    private readonly Stream _stream;
    private readonly Func<DeserializationContext, T> _deserializer;
    private readonly int? _maxMessageSize;
    private readonly string? _encoding;
    private readonly IReadOnlyList<ICompressionProvider> _providers;
    private readonly PayloadDeserializationContext _context = new();
    private byte[]? _buffer;
    private int _start;
    private int _end;

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
        _context.SetPayload(payload);
        try
        {
            return _deserializer(_context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize response message.", ex));
        }
        finally
        {
            _context.SetPayload(default);
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

    /// <summary>Makes space after the buffered bytes: enough for the whole pending message once its prefix is known.</summary>
    private void MakeRoom()
    {
        var buffered = _end - _start;
        var needed = buffered >= Prefix
            ? Prefix + (int)BinaryPrimitives.ReadUInt32BigEndian(_buffer.AsSpan(_start + 1, 4)) // TryReadMessage bounded it
            : Prefix;
        // Ask for a little more than the message so the next prefix can arrive with it.
        var capacity = (int)Math.Clamp((long)needed + Prefix, InitialBufferSize, Array.MaxLength);
        if (_buffer!.Length - _start >= capacity && _end < _buffer.Length)
        {
            return;
        }
        var target = _buffer.Length >= capacity ? _buffer : ArrayPool<byte>.Shared.Rent(capacity);
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
