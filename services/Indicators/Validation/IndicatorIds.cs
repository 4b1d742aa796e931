using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace CyberPledge.Indicators.Validation;

/// <summary>Indicator ids are UUIDs in lower-case "8-4-4-4-12" form.</summary>
internal static class IndicatorIds
{
    private const string ImportDomain = "cyberpledge.import.v1";

    public static bool TryNormalize(string text, [NotNullWhen(true)] out string? id)
    {
        if (Guid.TryParseExact(text, "D", out var guid))
        {
            id = guid.ToString("D");
            return true;
        }

        id = null;
        return false;
    }

    /// <summary>
    /// A time-ordered UUID (version 7, RFC 9562): new ids land at the end of the id indexes
    /// instead of on random pages, which keeps each commit's write-ahead log small.
    /// </summary>
    public static string New() => Guid.CreateVersion7().ToString("D");

    /// <summary>
    /// The id of the indicator imported from <paramref name="stixId"/> by <paramref name="source"/> (SECURITY.md rule 2):
    /// a name-based UUID version 8 (RFC 9562 §5.8, as its appendix B.2 does with SHA-256) over the domain string
    /// "cyberpledge.import.v1" and both, each as a 4-byte big-endian UTF-8 length and its bytes. A re-import finds the
    /// same indicator; the same STIX id from another source is another indicator (docs/indicators.md, "Import").
    /// </summary>
    public static string FromImport(string source, string stixId)
    {
        var input = new List<byte>();
        foreach (var part in (string[])[ImportDomain, source, stixId])
        {
            var bytes = Encoding.UTF8.GetBytes(part);
            var length = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            input.AddRange(length);
            input.AddRange(bytes);
        }

        var uuid = SHA256.HashData([.. input]).AsSpan(0, 16);
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true).ToString("D");
    }
}
