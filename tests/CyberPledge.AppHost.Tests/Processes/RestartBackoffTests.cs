using CyberPledge.AppHost.Processes;

namespace CyberPledge.AppHost.Tests.Processes;

public sealed class RestartBackoffTests
{
    [Fact]
    public void NextDelay_CrashesInARow_DoubleUpToThirtySeconds()
    {
        var backoff = new RestartBackoff();

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.NextDelay(TimeSpan.FromSeconds(2)).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30], delays);
    }

    [Fact]
    public void NextDelay_AfterRunningAMinute_StartsOverAtOneSecond()
    {
        var backoff = new RestartBackoff();
        for (var i = 0; i < 5; i++)
        {
            backoff.NextDelay(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay(TimeSpan.FromMinutes(2)));
        Assert.Equal(TimeSpan.FromSeconds(2), backoff.NextDelay(TimeSpan.FromSeconds(1)));
    }
}
