using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CyberPledge.Storage;
using CyberPledge.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Audit;

/// <summary>
/// The audit log's hash chain (docs/partners.md, "Audit log"): hash = SHA-256(previous hash || canonical encoding),
/// the first record's previous hash 32 zero bytes. The encoding is fixed-width integers and length-prefixed UTF-8,
/// so no two records encode alike; the time is in whole microseconds, as the stores keep it.
/// </summary>
internal static class AuditChain
{
    public const int HashLength = 32;

    public static byte[] Genesis { get; } = new byte[HashLength];

    /// <summary>The record for <paramref name="entry"/> numbered <paramref name="sequence"/>, chained to <paramref name="previousHash"/>.</summary>
    public static AuditRecord Link(ulong sequence, AuditEntry entry, byte[] previousHash)
    {
        var record = new AuditRecord
        {
            Sequence = sequence,
            At = ToTimestamp(StoreTime.ToUnixMicroseconds(entry.At)),
            Actor = entry.Actor,
            Action = entry.Action,
            Subject = entry.Subject,
            Grantee = entry.Grantee,
            Before = entry.Before,
            After = entry.After,
            PreviousHash = ByteString.CopyFrom(previousHash),
        };
        record.Hash = ByteString.CopyFrom(Hash(record));
        return record;
    }

    /// <summary>SHA-256 of the record's previous hash followed by its canonical encoding.</summary>
    public static byte[] Hash(AuditRecord record)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(record.PreviousHash.Span);
        hash.AppendData(Encode(record));
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// sequence (8 bytes, big-endian) || at (microseconds since the Unix epoch, 8 bytes, big-endian, signed) || actor ||
    /// action || subject || grantee || before || after, each string as its UTF-8 length (4 bytes, big-endian) and bytes.
    /// </summary>
    public static byte[] Encode(AuditRecord record)
    {
        string[] texts = [record.Actor, record.Action, record.Subject, record.Grantee, record.Before, record.After];
        var buffer = new byte[16 + texts.Sum(t => 4 + Encoding.UTF8.GetByteCount(t))];
        BinaryPrimitives.WriteUInt64BigEndian(buffer, record.Sequence);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(8), Microseconds(record.At));
        var offset = 16;
        foreach (var text in texts)
        {
            var length = Encoding.UTF8.GetBytes(text, buffer.AsSpan(offset + 4));
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(offset), length);
            offset += 4 + length;
        }

        return buffer;
    }

    public static long Microseconds(Timestamp? at) => at is null ? 0 : StoreTime.ToUnixMicroseconds(at.Seconds, at.Nanos);

    public static Timestamp ToTimestamp(long microseconds) => Timestamp.FromDateTimeOffset(StoreTime.FromUnixMicroseconds(microseconds));
}
