using System.Buffers;
using Grpc.Core;

namespace Grpc.AspNetCore.Server.Internal;

/// <summary>A reusable deserialization context over one received message, valid only while it is set.</summary>
internal sealed class DefaultDeserializationContext : DeserializationContext
{
    private ReadOnlySequence<byte>? _payload;

    public void SetPayload(ReadOnlySequence<byte>? payload) => _payload = payload;

    public override int PayloadLength => _payload is { } payload ? (int)payload.Length : 0;

    public override byte[] PayloadAsNewBuffer() => Payload.ToArray();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => Payload;

    private ReadOnlySequence<byte> Payload => _payload ?? throw new InvalidOperationException("No message is being deserialized.");
}
