using System.Buffers;
using System.IO.Compression;
using Grpc.Core;
using Grpc.Net.Compression;
using Grpc.Net.Internal;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>
/// Serializes one response message straight into the response body, framed. When the payload length is announced
/// and nothing is compressed, the serializer writes into the body pipe after the prefix with no copy; otherwise the
/// payload is collected first, then (compressed and) framed.
/// </summary>
internal sealed class ResponseSerializationContext : SerializationContext
{
    private IBufferWriter<byte> _output = null!;
    private ICompressionProvider? _compression;
    private CompressionLevel? _compressionLevel;
    private int? _maxMessageSize;
    private int? _payloadLength;
    private ArrayBufferWriter<byte>? _buffer;
    private bool _writingDirectly;

    public void Start(IBufferWriter<byte> output, ICompressionProvider? compression, CompressionLevel? compressionLevel, int? maxMessageSize)
    {
        _output = output;
        _compression = compression;
        _compressionLevel = compressionLevel;
        _maxMessageSize = maxMessageSize;
        _payloadLength = null;
        _writingDirectly = false;
        _buffer?.Clear();
    }

    public override void SetPayloadLength(int payloadLength) => _payloadLength = payloadLength;

    public override IBufferWriter<byte> GetBufferWriter()
    {
        if (_compression is null && _payloadLength is { } length)
        {
            CheckSize(length);
            var prefix = _output.GetSpan(GrpcProtocolConstants.MessagePrefixSize);
            MessageFraming.WritePrefix(prefix, isCompressed: false, length);
            _output.Advance(GrpcProtocolConstants.MessagePrefixSize);
            _writingDirectly = true;
            return _output;
        }
        return _buffer ??= new ArrayBufferWriter<byte>();
    }

    public override void Complete()
    {
        if (_writingDirectly)
        {
            return;
        }
        WriteFramed(_buffer is null ? ReadOnlySpan<byte>.Empty : _buffer.WrittenSpan);
    }

    public override void Complete(byte[] payload) => WriteFramed(payload);

    private void WriteFramed(ReadOnlySpan<byte> payload)
    {
        CheckSize(payload.Length);
        if (_compression is null)
        {
            MessageFraming.WriteMessage(_output, payload, isCompressed: false);
        }
        else
        {
            MessageFraming.WriteMessage(_output, MessageCompression.Compress(_compression, _compressionLevel, payload), isCompressed: true);
        }
    }

    private void CheckSize(int length)
    {
        if (length > _maxMessageSize)
        {
            throw new RpcException(GrpcProtocolConstants.SendMessageTooLarge);
        }
    }
}
