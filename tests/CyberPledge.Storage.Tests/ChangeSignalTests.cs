namespace CyberPledge.Storage.Tests;

public sealed class ChangeSignalTests
{
    [Fact]
    public async Task Publish_HigherSequence_WakesWaitersAfterALowerOne()
    {
        var signal = new ChangeSignal();
        var waiting = signal.WaitForChangeAsync(5, CancellationToken.None);

        signal.Publish(5);
        Assert.False(waiting.IsCompleted);
        signal.Publish(6);

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6ul, signal.LastSequence);
    }

    [Fact]
    public void Publish_LowerThanPublished_IsIgnored()
    {
        var signal = new ChangeSignal();

        signal.Publish(9);
        signal.Publish(4);

        Assert.Equal(9ul, signal.LastSequence);
        Assert.True(signal.WaitForChangeAsync(8, CancellationToken.None).IsCompleted);
    }
}
