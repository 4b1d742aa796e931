using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Tests;

public sealed class IndicatorLedgerIdempotencyTests : IAsyncLifetime
{
    private readonly LedgerHarness _harness = new();

    private static SubmitRequest Batch(string key, int start = 0) =>
        new() { IdempotencyKey = key, Indicators = { Enumerable.Range(start, 3).Select(TestIndicators.Ipv4) } };

    [Fact]
    public async Task SubmitAsync_RetriedWithSameKey_ReplaysFirstResponseAndStoresNothing()
    {
        var first = await _harness.Ledger.SubmitAsync(Batch("batch-1"), CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromMinutes(1));

        var retry = await _harness.Ledger.SubmitAsync(Batch("batch-1"), CancellationToken.None);

        Assert.False(first.Replayed);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Results, retry.Results);
        Assert.All(retry.Results, r => Assert.Equal(SubmitOutcome.Created, r.Outcome));
        Assert.Equal(3ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_ConcurrentRetriesWithSameKey_StoreTheBatchOnce()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => _harness.Ledger.SubmitAsync(Batch("same"), CancellationToken.None))));

        Assert.Single(responses, r => !r.Replayed);
        Assert.All(responses, r => Assert.Equal(responses[0].Results, r.Results));
        Assert.Equal(3ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_KeyReusedForDifferentRequest_IsInvalidArgument()
    {
        await _harness.Ledger.SubmitAsync(Batch("reused"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<IndicatorException>(() => _harness.Ledger.SubmitAsync(Batch("reused", start: 10), CancellationToken.None));

        Assert.Equal(IndicatorErrorKind.Invalid, error.Kind);
        Assert.Equal("idempotency_key: already used for a different request", error.Message);
        Assert.Equal(3ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_RetryAfterRetention_IsProcessedAgainWithoutDuplicates()
    {
        await _harness.Ledger.SubmitAsync(Batch("old"), CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromHours(25));

        var late = await _harness.Ledger.SubmitAsync(Batch("old"), CancellationToken.None);

        Assert.False(late.Replayed);
        Assert.All(late.Results, r => Assert.Equal(SubmitOutcome.Unchanged, r.Outcome));
        Assert.Equal(3ul, _harness.Store.LastSequence);
    }

    [Fact]
    public async Task SubmitAsync_KeyRemembered_AcrossRestart()
    {
        await _harness.Ledger.SubmitAsync(Batch("durable"), CancellationToken.None);
        await _harness.RestartAsync();

        Assert.True((await _harness.Ledger.SubmitAsync(Batch("durable"), CancellationToken.None)).Replayed);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();
}
