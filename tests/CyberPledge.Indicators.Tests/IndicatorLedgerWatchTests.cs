using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerWatchTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly LedgerHarness _harness = new();

    private async Task<List<ChangeEvent>> TakeAsync(WatchRequest request, int count)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var events = new List<ChangeEvent>();
        await foreach (var change in _harness.Ledger.WatchAsync(request, timeout.Token))
        {
            events.Add(change);
            if (events.Count == count)
            {
                break;
            }
        }

        return events;
    }

    [Fact]
    public async Task WatchAsync_FromZero_CatchesUpInSequenceOrder()
    {
        await _harness.Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 600).Select(TestIndicators.Ipv4) } }, CancellationToken.None);

        var events = await TakeAsync(new WatchRequest(), 600);

        Assert.Equal(Enumerable.Range(1, 600).Select(i => (ulong)i), events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task WatchAsync_FromCursor_StartsAfterIt()
    {
        await _harness.Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 5).Select(TestIndicators.Ipv4) } }, CancellationToken.None);

        var events = await TakeAsync(new WatchRequest { AfterSequence = 3 }, 2);

        Assert.Equal([4ul, 5ul], events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task WatchAsync_CaughtUp_DeliversNewVersionsLive()
    {
        await _harness.SubmitOneAsync(TestIndicators.Domain("before.example"));
        var watching = TakeAsync(new WatchRequest(), 3);

        var created = await _harness.SubmitOneAsync(TestIndicators.Domain("live.example"));
        await _harness.Ledger.RevokeAsync(new RevokeRequest { Id = created.Id }, CancellationToken.None);

        var events = await watching;
        Assert.Equal(["before.example", "live.example", "live.example"], events.Select(e => e.Indicator.Value));
        Assert.True(events[2].Indicator.Revoked);
    }

    [Fact]
    public async Task WatchAsync_ResumedAfterRestart_HasNoGapAndNoDuplicate()
    {
        await _harness.Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 10).Select(TestIndicators.Ipv4) } }, CancellationToken.None);
        var firstPart = await TakeAsync(new WatchRequest { FeedId = _harness.Ledger.Identity.FeedId }, 6);
        var feedId = _harness.Ledger.Identity.FeedId;

        await _harness.RestartAsync();
        await _harness.Ledger.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(10, 5).Select(TestIndicators.Ipv4) } }, CancellationToken.None);
        var secondPart = await TakeAsync(new WatchRequest { AfterSequence = firstPart[^1].Sequence, FeedId = feedId }, 9);

        var all = firstPart.Concat(secondPart).Select(e => e.Sequence).ToList();
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (ulong)i), all);
        Assert.Equal(15, firstPart.Concat(secondPart).Select(e => e.Indicator.Value).Distinct().Count());
    }

    [Fact]
    public async Task WatchAsync_CursorFromAnotherFeed_IsFailedPrecondition()
    {
        var error = await Assert.ThrowsAsync<IndicatorException>(() => TakeAsync(new WatchRequest { FeedId = Guid.NewGuid().ToString() }, 1));
        Assert.Equal(IndicatorErrorKind.FailedPrecondition, error.Kind);
        Assert.StartsWith("feed_id:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WatchAsync_CursorBeyondTheEnd_IsOutOfRange()
    {
        await _harness.SubmitOneAsync(TestIndicators.Domain("one.example"));
        var error = await Assert.ThrowsAsync<IndicatorException>(() => TakeAsync(new WatchRequest { AfterSequence = 2 }, 1));
        Assert.Equal(IndicatorErrorKind.OutOfRange, error.Kind);
    }

    [Fact]
    public async Task WatchAsync_Cancelled_EndsTheStream()
    {
        using var cancel = new CancellationTokenSource();
        var enumerator = _harness.Ledger.WatchAsync(new WatchRequest(), cancel.Token).GetAsyncEnumerator(CancellationToken.None);
        var next = enumerator.MoveNextAsync().AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Patience));
        await enumerator.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
