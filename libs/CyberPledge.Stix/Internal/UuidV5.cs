using System.Security.Cryptography;
using System.Text;

namespace CyberPledge.Stix.Internal;

/// <summary>Name-based UUIDs (RFC 9562 §5.5, SHA-1), so that every node derives the same STIX id for the same thing.</summary>
internal static class UuidV5
{
    public static string Create(Guid @namespace, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        var uuid = hash[..16];
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x50);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        return new Guid(uuid, bigEndian: true).ToString("D");
    }
}
