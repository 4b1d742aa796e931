using CyberPledge.Federation.Links;
using CyberPledge.Federation.Storage;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace CyberPledge.Federation.Tests.Links;

/// <summary>
/// A link cut after too many rejections (SECURITY.md rule 7): kept in the store, so it stays down across restarts,
/// audited in aggregate, and enabled again only by an administrator, which is audited before it happens.
/// </summary>
public sealed class LinkCutTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_RejectionLimitReached_CutKeptInTheStoreAndAuditedInAggregate()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Options.RejectionLimit = 3;
        for (var i = 0; i < 4; i++)
        {
            harness.Feed.Add(harness.KorKey.Sign());
        }

        var ended = await (await harness.WorkerAsync()).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await LinkHarness.WaitUntilAsync(() => harness.AuditSink.Events.Count >= 2, "the rejections and the cut are audited");

        Assert.Equal(LinkState.Disabled, ended);
        var kept = Assert.Single(await harness.Store.DisabledLinksAsync(CancellationToken.None));
        Assert.Equal("JPN", kept.Nation);
        Assert.Contains("cut after 3 rejected versions", kept.Reason, StringComparison.Ordinal);
        Assert.Contains("enable", harness.Status!.LastError, StringComparison.Ordinal);
        Assert.Equal([LinkEventKind.Rejections, LinkEventKind.Cut], harness.AuditSink.Events.Select(e => e.Kind));
        var rejections = harness.AuditSink.Events.First();
        Assert.Equal("JPN", rejections.Nation);
        var count = Assert.Single(rejections.Rejections);
        Assert.Equal("UnknownOrigin", count.Reason);
        // The link is cut after the batch that reached the limit: 3, or 4 when they arrived together.
        Assert.InRange(count.Count, 3ul, 4ul);
        Assert.NotNull(rejections.WindowStart);
    }

    [Fact]
    public async Task Supervisor_CutBeforeARestart_StaysDisabledUntilEnabledThenAuditedAndCatchesUp()
    {
        await using var harness = await LinkHarness.StartAsync();
        await harness.Store.DisableLinkAsync(new DisabledLink("JPN", "cut after 100 rejected versions", Earlier), CancellationToken.None);
        var version = harness.JpnKey.Sign();
        harness.Feed.Add(version);
        await using var supervisor = await SupervisorAsync(harness);

        await Task.Delay(300);
        var before = harness.Status!;
        var enabled = await supervisor.Supervisor.EnableAsync("JPN", "alice (admin)", CancellationToken.None);
        await LinkHarness.WaitUntilAsync(() => harness.Indicators.AppliedCount == 1, "the link catches up");

        Assert.Equal(LinkState.Disabled, before.State);
        Assert.Equal("cut after 100 rejected versions", before.LastError);
        Assert.NotEqual(LinkState.Disabled, enabled!.State);
        Assert.Empty(await harness.Store.DisabledLinksAsync(CancellationToken.None));
        var audited = Assert.Single(harness.AuditSink.Events);
        Assert.Equal((LinkEventKind.Enabled, "JPN", "alice (admin)"), (audited.Kind, audited.Nation, audited.Actor));
        Assert.Equal(version.Id, Assert.Single(harness.Indicators.Applied).Id);
    }

    [Fact]
    public async Task EnableAsync_AuditUnavailable_RefusedAndTheLinkStaysCut()
    {
        await using var harness = await LinkHarness.StartAsync();
        await harness.Store.DisableLinkAsync(new DisabledLink("JPN", "cut", Earlier), CancellationToken.None);
        harness.Feed.Add(harness.JpnKey.Sign());
        await using var supervisor = await SupervisorAsync(harness);
        harness.AuditSink.Failing = true;

        var refusal = await Assert.ThrowsAsync<RpcException>(() => supervisor.Supervisor.EnableAsync("JPN", "alice (admin)", CancellationToken.None));
        await Task.Delay(300);

        Assert.Equal(StatusCode.Unavailable, refusal.StatusCode);
        Assert.Single(await harness.Store.DisabledLinksAsync(CancellationToken.None));
        Assert.Equal(LinkState.Disabled, harness.Status!.State);
        Assert.Empty(harness.Feed.Subscriptions);
    }

    [Fact]
    public async Task EnableAsync_LinkNotCut_ReturnedAsItIsNotAudited()
    {
        await using var harness = await LinkHarness.StartAsync();
        await using var supervisor = await SupervisorAsync(harness);
        // Connected is shown as the stream opens, a moment before the peer has the Subscribe call.
        await LinkHarness.WaitUntilAsync(() => harness.Status?.State == LinkState.Connected && !harness.Feed.Subscriptions.IsEmpty, "the link subscribes");

        var status = await supervisor.Supervisor.EnableAsync("JPN", "alice (admin)", CancellationToken.None);
        var unknown = await supervisor.Supervisor.EnableAsync("KOR", "alice (admin)", CancellationToken.None);

        Assert.Equal(LinkState.Connected, status!.State);
        Assert.Null(unknown);
        Assert.Empty(harness.AuditSink.Events);
        Assert.Single(harness.Feed.Subscriptions);
    }

    private static async Task<RunningSupervisor> SupervisorAsync(LinkHarness harness)
    {
        var services = await harness.ServicesAsync();
        var supervisor = new LinkSupervisor(harness.Registry, services.Self, services, new ServiceCollection().BuildServiceProvider());
        await supervisor.StartAsync(CancellationToken.None);
        await supervisor.Started.WaitAsync(TimeSpan.FromSeconds(10));
        return new RunningSupervisor(supervisor);
    }

    private sealed record RunningSupervisor(LinkSupervisor Supervisor) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Supervisor.StopAsync(CancellationToken.None);
            Supervisor.Dispose();
        }
    }
}
