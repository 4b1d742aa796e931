using CyberPledge.Partners.Taxii;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Taxii;

public sealed class PasswordCheckSlotsTests
{
    [Fact]
    public async Task RunAsync_AllSlotsBusyPastTheWait_ResourceExhausted_ThenRunsOnceASlotIsFree()
    {
        var slots = new PasswordCheckSlots(1, TimeSpan.FromMilliseconds(100));
        using var busy = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var holding = Task.Run(() => slots.RunAsync(() => { started.Set(); busy.Wait(TimeSpan.FromSeconds(30)); return 1; }, CancellationToken.None));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));

        var refused = await Assert.ThrowsAsync<RpcException>(() => slots.RunAsync(() => 2, CancellationToken.None));
        busy.Set();

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(1, await holding);
        Assert.Equal(3, await slots.RunAsync(() => 3, CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_SlotFreedWithinTheWait_TheWaitingCheckRuns()
    {
        var slots = new PasswordCheckSlots(1, TimeSpan.FromSeconds(10));
        using var busy = new ManualResetEventSlim();
        using var started = new ManualResetEventSlim();
        var holding = Task.Run(() => slots.RunAsync(() => { started.Set(); busy.Wait(TimeSpan.FromSeconds(30)); return 1; }, CancellationToken.None));
        Assert.True(started.Wait(TimeSpan.FromSeconds(10)));

        var waiting = slots.RunAsync(() => 2, CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        busy.Set();

        Assert.Equal((1, 2), (await holding, await waiting));
    }
}
