using System.Security.Claims;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CyberPledge.ServiceDefaults.Tests.Identity;

public sealed class VerifiedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static VerifiedToken Token(DateTimeOffset expires) =>
        new(new ClaimsIdentity(), new JsonWebToken("{}", "{}"), expires);

    [Fact]
    public void Add_Full_StaysWithinCapacity()
    {
        var cache = new VerifiedTokenCache(capacity: 3);

        for (var i = 0; i < 10; i++)
        {
            cache.Add(TokenDigest.Of("token" + i), Token(Now.AddMinutes(1)), Now);
        }

        Assert.InRange(cache.Count, 1, 3);
        Assert.True(cache.TryGet(TokenDigest.Of("token9"), Now, out _));
    }

    [Fact]
    public void Add_FullWithExpiredEntries_EvictsExpiredFirst()
    {
        var cache = new VerifiedTokenCache(capacity: 2);
        cache.Add(TokenDigest.Of("old"), Token(Now.AddSeconds(1)), Now);
        cache.Add(TokenDigest.Of("live"), Token(Now.AddMinutes(5)), Now);

        var kept = cache.Add(TokenDigest.Of("new"), Token(Now.AddMinutes(5)), Now.AddSeconds(2));

        Assert.True(kept);
        Assert.True(cache.TryGet(TokenDigest.Of("live"), Now.AddSeconds(2), out _));
        Assert.True(cache.TryGet(TokenDigest.Of("new"), Now.AddSeconds(2), out _));
    }

    [Fact]
    public void Add_AlreadyExpired_NotCached()
    {
        var cache = new VerifiedTokenCache(capacity: 2);

        cache.Add(TokenDigest.Of("t"), Token(Now), Now);

        Assert.False(cache.TryGet(TokenDigest.Of("t"), Now, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Of_DifferentTokens_DifferentDigests()
    {
        Assert.Equal(TokenDigest.Of("a.b.c"), TokenDigest.Of("a.b.c"));
        Assert.NotEqual(TokenDigest.Of("a.b.c"), TokenDigest.Of("a.b.d"));
        Assert.NotEqual(TokenDigest.Of(new string('x', 5000)), TokenDigest.Of(new string('x', 5001)));
    }
}
