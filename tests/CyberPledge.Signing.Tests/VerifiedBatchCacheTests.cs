namespace CyberPledge.Signing.Tests;

public sealed class VerifiedBatchCacheTests
{
    private static readonly byte[] Key = [1];
    private static readonly byte[] Statement = [2];
    private static readonly byte[] Signature = [3];

    [Fact]
    public void Contains_AnotherKeyStatementOrSignature_IsFalse()
    {
        var cache = new VerifiedBatchCache();
        cache.Add(Key, Statement, Signature);

        Assert.True(cache.Contains(Key, Statement, Signature));
        Assert.False(cache.Contains([9], Statement, Signature));
        Assert.False(cache.Contains(Key, [9], Signature));
        Assert.False(cache.Contains(Key, Statement, [9]));
    }

    [Fact]
    public void Add_WhenFull_EmptiesTheCacheFirst()
    {
        var cache = new VerifiedBatchCache(capacity: 2);
        cache.Add(Key, Statement, [10]);
        cache.Add(Key, Statement, [11]);

        cache.Add(Key, Statement, [12]);

        Assert.False(cache.Contains(Key, Statement, [10]));
        Assert.False(cache.Contains(Key, Statement, [11]));
        Assert.True(cache.Contains(Key, Statement, [12]));
    }

    [Fact]
    public void Constructor_ZeroCapacity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new VerifiedBatchCache(capacity: 0));
    }
}
