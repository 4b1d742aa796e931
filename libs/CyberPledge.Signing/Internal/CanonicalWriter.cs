using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// The primitives of the canonical encoding (docs/indicators.md): fixed-width big-endian
/// integers, length-prefixed UTF-8 strings and byte strings, presence-flagged timestamps.
/// Unlike protobuf it has exactly one encoding per value, so two implementations that agree
/// on the spec produce the same bytes to sign.
/// </summary>
internal sealed class CanonicalWriter
{
    [ThreadStatic]
    private static CanonicalWriter? t_reused;

    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>
    /// This thread's writer, emptied: signing and verifying encode tens of thousands of versions a second, and a
    /// buffer per encoding was most of their garbage. The caller must be done with it before anything else on the
    /// thread asks again (nothing here awaits or re-enters while holding it).
    /// </summary>
    public static CanonicalWriter ForThisThread()
    {
        var writer = t_reused ??= new CanonicalWriter();
        writer._buffer.ResetWrittenCount();
        return writer;
    }

    public void WriteBool(bool value)
    {
        _buffer.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _buffer.Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>A presence byte, then seconds (int64) and nanos (int32) when present.</summary>
    public void WriteTimestamp(Timestamp? value)
    {
        WriteBool(value is not null);
        if (value is not null)
        {
            WriteInt64(value.Seconds);
            WriteInt32(value.Nanos);
        }
    }
}
