using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>A watcher can start at the end of the feed: GetNodeIdentity's last_sequence, or from_now.</summary>
public sealed class WatchFromNowTests : IAsyncLifetime
{
    private static readonly TimeSpan EventWait = TimeSpan.FromSeconds(1);
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task GetNodeIdentity_AfterSubmitsAndARevoke_LastSequenceCountsEveryVersion()
    {
        var submitted = await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 3).Select(TestIndicators.Ipv4) } }, deadline: Deadline);
        await _host.Client.RevokeAsync(new RevokeRequest { Id = submitted.Results[0].Id }, deadline: Deadline);

        var identity = await _host.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Deadline);

        Assert.Equal(4ul, identity.LastSequence);
    }

    [Fact]
    public async Task Watch_FromNow_SeesOnlyVersionsSubmittedAfterItStarted()
    {
        await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 3).Select(TestIndicators.Ipv4) } }, deadline: Deadline);
        using var call = _host.Client.Watch(new WatchRequest { FromNow = true }, deadline: Deadline);
        var next = call.ResponseStream.MoveNext(CancellationToken.None);

        // The server takes its cursor when the call reaches it, which the client cannot see: submit until an event comes.
        var afterStart = new List<string>();
        while (!next.IsCompleted && afterStart.Count < 20)
        {
            var value = $"after-{afterStart.Count}.example";
            await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Domain(value) } }, deadline: Deadline);
            afterStart.Add(value);
            await Task.WhenAny(next, Task.Delay(EventWait));
        }

        Assert.True(await next);
        var first = call.ResponseStream.Current;
        Assert.True(first.Sequence > 3, $"from_now replayed sequence {first.Sequence}");
        Assert.Contains(first.Indicator.Value, afterStart);
    }

    [Fact]
    public async Task Watch_AfterSequenceBeyondTheEnd_OutOfRangeMentioningFromNow()
    {
        await _host.Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Ipv4(1) } }, deadline: Deadline);
        using var call = _host.Client.Watch(new WatchRequest { AfterSequence = 2 }, deadline: Deadline);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Contains("from_now", error.Status.Detail, StringComparison.Ordinal);
    }
}
