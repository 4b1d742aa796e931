using CyberPledge.Federation.Links;
using CyberPledge.Testing;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Tests.Links;

/// <summary>The quotas as back-pressure (SECURITY.md rule 7): a taker waits longer the more it takes, and is never refused.</summary>
public sealed class FlowQuotaTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void Reserve_WithinOneSecondsWorth_NoWait()
    {
        var quota = new FlowQuota(100, _time);

        Assert.Equal(TimeSpan.Zero, quota.Reserve(60));
        Assert.Equal(TimeSpan.Zero, quota.Reserve(40));
    }

    [Fact]
    public void Reserve_BeyondTheBucket_WaitsForTheDebtInTurnNeverRefused()
    {
        var quota = new FlowQuota(100, _time);

        var first = quota.Reserve(150);
        var second = quota.Reserve(50);
        var burst = quota.Reserve(10_000);

        Assert.Equal(TimeSpan.FromSeconds(0.5), first);
        Assert.Equal(TimeSpan.FromSeconds(1), second);
        Assert.Equal(TimeSpan.FromSeconds(101), burst);
    }

    [Fact]
    public void Reserve_AfterTimePasses_RefilledUpToOneSecondsWorthOnly()
    {
        var quota = new FlowQuota(100, _time);
        quota.Reserve(100);

        _time.Advance(TimeSpan.FromSeconds(0.25));
        var partlyRefilled = quota.Reserve(50);
        _time.Advance(TimeSpan.FromMinutes(10));
        var full = quota.Reserve(100);
        var beyond = quota.Reserve(10);

        Assert.Equal(TimeSpan.FromSeconds(0.25), partlyRefilled);
        Assert.Equal(TimeSpan.Zero, full);
        Assert.Equal(TimeSpan.FromSeconds(0.1), beyond);
    }

    [Fact]
    public async Task OriginQuotas_TwoLinksOfOneOrigin_ShareItsQuotaOtherOriginsUntouched()
    {
        var quotas = new OriginQuotas(Options.Create(new InboundLinkOptions { OriginVersionsPerSecond = 10, OriginBytesPerSecond = 1_000_000 }), _time);

        var firstLink = quotas.TakeAsync("FRA", 10, 100, CancellationToken.None);
        var secondLink = quotas.TakeAsync("FRA", 5, 100, CancellationToken.None);
        var otherOrigin = quotas.TakeAsync("JPN", 10, 100, CancellationToken.None);
        Assert.True(firstLink.IsCompleted);
        Assert.True(otherOrigin.IsCompleted);
        Assert.False(secondLink.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        await secondLink.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void OriginQuotas_BytesOverTheQuota_WaitIsTheLongerOfVersionsAndBytes()
    {
        var quotas = new OriginQuotas(Options.Create(new InboundLinkOptions { OriginVersionsPerSecond = 1000, OriginBytesPerSecond = 100 }), _time);

        var slowed = quotas.TakeAsync("FRA", 1, 300, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        var stillWaiting = !slowed.IsCompleted;
        _time.Advance(TimeSpan.FromSeconds(0.1));

        Assert.True(stillWaiting);
        Assert.True(slowed.IsCompletedSuccessfully);
    }
}
