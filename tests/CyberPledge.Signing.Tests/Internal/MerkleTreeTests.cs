using System.Security.Cryptography;
using CyberPledge.Signing.Internal;

namespace CyberPledge.Signing.Tests.Internal;

public sealed class MerkleTreeTests
{
    private static byte[][] Leaves(int count) =>
        Enumerable.Range(0, count).Select(i => MerkleTree.LeafHash([(byte)i, (byte)(i >> 8)])).ToArray();

    [Fact]
    public void Build_OneLeaf_RootIsTheLeafAndPathIsEmpty()
    {
        var leaves = Leaves(1);
        Assert.Equal(leaves[0], MerkleTree.Build(leaves, out var paths));
        Assert.Empty(paths[0]);
    }

    [Fact]
    public void Build_ThreeLeaves_MatchesRfc9162Definition()
    {
        var leaves = Leaves(3);
        static byte[] Node(byte[] l, byte[] r) => SHA256.HashData([0x01, .. l, .. r]);

        var root = MerkleTree.Build(leaves, out var paths);

        // MTH(D[3]) = HASH(0x01 || MTH(D[0:2]) || MTH(D[2:3])), the left subtree being the largest power of two.
        Assert.Equal(Node(Node(leaves[0], leaves[1]), leaves[2]), root);
        Assert.Equal([leaves[1], leaves[2]], paths[0]);
        Assert.Equal([Node(leaves[0], leaves[1])], paths[2]);
    }

    [Fact]
    public void LeafHash_IsPrefixedWithZero()
    {
        Assert.Equal(SHA256.HashData([0x00, 7]), MerkleTree.LeafHash([7]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(13)]
    [InlineData(1000)]
    public void RootFromInclusionProof_EveryLeafOfAnySize_LeadsToTheRoot(int size)
    {
        var leaves = Leaves(size);
        var root = MerkleTree.Build(leaves, out var paths);

        for (var i = 0; i < size; i++)
        {
            var path = paths[i].Select(p => (ReadOnlyMemory<byte>)p).ToArray();
            Assert.Equal(root, MerkleTree.RootFromInclusionProof((ulong)i, (ulong)size, leaves[i], path));
        }
    }

    [Fact]
    public void RootFromInclusionProof_WrongIndexSizeOrLeaf_DoesNotLeadToTheRoot()
    {
        var leaves = Leaves(6);
        var root = MerkleTree.Build(leaves, out var paths);
        var path = paths[2].Select(p => (ReadOnlyMemory<byte>)p).ToArray();

        Assert.NotEqual(root, MerkleTree.RootFromInclusionProof(3, 6, leaves[2], path));
        Assert.NotEqual(root, MerkleTree.RootFromInclusionProof(2, 6, leaves[3], path));
        Assert.Null(MerkleTree.RootFromInclusionProof(2, 2, leaves[2], path));
        Assert.Null(MerkleTree.RootFromInclusionProof(6, 6, leaves[2], path));
        Assert.Null(MerkleTree.RootFromInclusionProof(2, 6, leaves[2], path[..1]));
    }
}
