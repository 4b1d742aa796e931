using System.Security.Cryptography;

namespace CyberPledge.Signing.Internal;

/// <summary>
/// The Merkle tree of RFC 9162 (section 2.1): leaf hash SHA-256(0x00 || data), node hash
/// SHA-256(0x01 || left || right), the left subtree holding the largest power of two
/// smaller than the size. The prefixes keep a leaf from passing for a node.
/// </summary>
internal static class MerkleTree
{
    public const int HashLength = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    /// <summary>The root of the tree over <paramref name="leafHashes"/>, and each leaf's inclusion proof (siblings from the leaf up).</summary>
    public static byte[] Build(IReadOnlyList<byte[]> leafHashes, out List<byte[]>[] auditPaths)
    {
        ArgumentOutOfRangeException.ThrowIfZero(leafHashes.Count);
        var paths = new List<byte[]>[leafHashes.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = [];
        }

        auditPaths = paths;
        return Subtree(leafHashes, 0, leafHashes.Count, paths);
    }

    /// <summary>RFC 9162 section 2.1.3.2: the root a proof leads to, or null when the proof cannot be valid for that index and size.</summary>
    public static byte[]? RootFromInclusionProof(ulong leafIndex, ulong treeSize, byte[] leafHash, IReadOnlyList<ReadOnlyMemory<byte>> path)
    {
        if (leafIndex >= treeSize)
        {
            return null;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in path)
        {
            if (sn == 0 || p.Length != HashLength)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = NodeHash(p.Span, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = NodeHash(r, p.Span);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    private static byte[] Subtree(IReadOnlyList<byte[]> leaves, int start, int end, List<byte[]>[] paths)
    {
        var size = end - start;
        if (size == 1)
        {
            return leaves[start];
        }

        var split = start + LargestPowerOfTwoBelow(size);
        var left = Subtree(leaves, start, split, paths);
        var right = Subtree(leaves, split, end, paths);
        for (var i = start; i < split; i++)
        {
            paths[i].Add(right);
        }

        for (var i = split; i < end; i++)
        {
            paths[i].Add(left);
        }

        return NodeHash(left, right);
    }

    private static int LargestPowerOfTwoBelow(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }

    private static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashLength)];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashLength)..]);
        return SHA256.HashData(buffer);
    }
}
