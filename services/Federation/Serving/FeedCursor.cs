using System.Buffers.Binary;
using System.Text;
using CyberPledge.Federation.Storage;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// Where a subscriber stands in this node's feed (docs/federation.md "Cursors"): every event of feed
/// <see cref="FeedId"/> up to <see cref="Sequence"/> is settled (delivered, withheld or held under an embargo), and
/// every embargo hold up to <see cref="Released"/> was delivered. Later sources (Decision 7: incidents, sightings)
/// add positions in a new format version. Sealed by <see cref="CursorSealer"/> before it leaves the node.
/// </summary>
internal readonly record struct FeedCursor(string FeedId, ulong Sequence, ReleasePosition Released)
{
    private const byte FormatVersion = 1;
    private const int MaxFeedIdBytes = 255;

    /// <summary>The plain content: format, feed id, sequence, release position.</summary>
    public byte[] Encode()
    {
        var feed = Encoding.UTF8.GetBytes(FeedId);
        if (feed.Length > MaxFeedIdBytes)
        {
            throw new InvalidOperationException("A feed id longer than 255 bytes cannot be put in a cursor.");
        }

        var bytes = new byte[2 + feed.Length + 24];
        bytes[0] = FormatVersion;
        bytes[1] = (byte)feed.Length;
        feed.CopyTo(bytes, 2);
        var rest = bytes.AsSpan(2 + feed.Length);
        BinaryPrimitives.WriteUInt64BigEndian(rest, Sequence);
        BinaryPrimitives.WriteInt64BigEndian(rest[8..], Released.ReleaseTicks);
        BinaryPrimitives.WriteUInt64BigEndian(rest[16..], Released.Sequence);
        return bytes;
    }

    /// <summary>Reads what <see cref="Encode"/> wrote; false for anything else.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out FeedCursor cursor)
    {
        cursor = default;
        if (bytes.Length < 2 || bytes[0] != FormatVersion || bytes.Length != 2 + bytes[1] + 24)
        {
            return false;
        }

        var feedId = Encoding.UTF8.GetString(bytes.Slice(2, bytes[1]));
        var rest = bytes[(2 + bytes[1])..];
        cursor = new FeedCursor(
            feedId,
            BinaryPrimitives.ReadUInt64BigEndian(rest),
            new ReleasePosition(BinaryPrimitives.ReadInt64BigEndian(rest[8..]), BinaryPrimitives.ReadUInt64BigEndian(rest[16..])));
        return true;
    }
}
