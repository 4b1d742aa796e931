using System.Buffers;

namespace Grpc.Core;

/// <summary>Where a serializer writes one message.</summary>
public abstract class SerializationContext
{
    /// <summary>Completes the message with a whole payload.</summary>
    public virtual void Complete(byte[] payload) => throw new NotSupportedException();

    /// <summary>A buffer writer to write the payload into, then call <see cref="Complete()"/>.</summary>
    public virtual IBufferWriter<byte> GetBufferWriter() => throw new NotSupportedException();

    /// <summary>Announces the payload's length before it is written (optional).</summary>
    public virtual void SetPayloadLength(int payloadLength)
    {
    }

    /// <summary>Completes a payload written through <see cref="GetBufferWriter"/>.</summary>
    public virtual void Complete() => throw new NotSupportedException();
}

/// <summary>Where a deserializer reads one message.</summary>
public abstract class DeserializationContext
{
    /// <summary>The payload's length in bytes.</summary>
    public abstract int PayloadLength { get; }

    /// <summary>The payload copied into a new array.</summary>
    public virtual byte[] PayloadAsNewBuffer() => throw new NotSupportedException();

    /// <summary>The payload as a sequence, valid only during the deserializer call.</summary>
    public virtual ReadOnlySequence<byte> PayloadAsReadOnlySequence() => throw new NotSupportedException();
}

/// <summary>A serialization context that collects the payload into an array.</summary>
internal sealed class ArraySerializationContext : SerializationContext
{
    private ArrayBufferWriter<byte>? _writer;
    private byte[]? _result;

    public byte[] Result => _result ?? throw new InvalidOperationException("The serializer did not complete the message.");

    public override void Complete(byte[] payload) => _result = payload;

    public override IBufferWriter<byte> GetBufferWriter() => _writer ??= new ArrayBufferWriter<byte>();

    public override void Complete() => _result = _writer is null ? [] : _writer.WrittenSpan.ToArray();
}

/// <summary>A deserialization context over an array.</summary>
internal sealed class ArrayDeserializationContext(byte[] payload) : DeserializationContext
{
    public override int PayloadLength => payload.Length;

    public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
}
