using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Links;

/// <summary>
/// An inbound link against a peer's gateway (TLS, certificates made at test time) and this node's Indicators behind
/// its gRPC contract: what is applied, what is rejected, where it resumes, how it reconnects.
/// </summary>
public sealed class LinkWorkerTests
{
    [Fact]
    public async Task RunAsync_ValidVersion_AppliedThenCursorStored()
    {
        await using var harness = await LinkHarness.StartAsync();
        var version = harness.JpnKey.Sign();
        harness.Feed.Add(version);
        harness.Feed.AddCheckpoint();

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Status?.Position == 1 && PeerFeed.Position(RunningLink.Cursor(harness)) == 2, "the version is applied and the checkpoint's cursor stored");

        Assert.Equal(version.Id, Assert.Single(harness.Indicators.Applied).Id);
        var status = harness.Status!;
        Assert.Equal(LinkState.Connected, status.State);
        Assert.Equal((1ul, 1ul, 0ul, 0ul), (status.Received, status.Applied, status.Ignored, status.Rejected));
        Assert.NotNull(status.ConnectedSince);
        var subscription = Assert.Single(harness.Feed.Subscriptions);
        Assert.True(subscription.Cursor.IsEmpty);
        Assert.Equal(["DEU", "JPN"], subscription.DirectOrigins.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunAsync_ForbiddenVersions_RejectedAndCountedWhileTheLinkGoesOn()
    {
        await using var harness = await LinkHarness.StartAsync();
        var altered = harness.JpnKey.Sign();
        altered.Value = new string('b', 64);
        harness.Feed.Add(altered);
        harness.Feed.Add(harness.KorKey.Sign(), Hop("JPN"));
        harness.Feed.Add(harness.FraKey.Sign(), Hop("DEU"), Hop("JPN"));
        harness.Feed.Add(harness.FraKey.Sign(v => v.Distribution.HopLimit = 1), Hop("GBR"), Hop("JPN"));
        harness.Feed.Add(harness.JpnKey.Sign(v => v.Tlp = Tlp.Red));
        harness.Feed.Add(harness.FraKey.Sign(), Hop("GBR"));
        harness.Feed.Add(harness.FraKey.Sign(v => v.Tlp = Tlp.AmberStrict), Hop("JPN"));
        var relayed = harness.FraKey.Sign();
        harness.Feed.Add(relayed, Hop("JPN"));

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Status?.Received == 8, "every version is received");

        Assert.Equal(relayed.Id, Assert.Single(harness.Indicators.Applied).Id);
        var status = harness.Status!;
        Assert.Equal((7ul, 1ul), (status.Rejected, status.Applied));
        Assert.Equal(LinkState.Connected, status.State);
        Assert.Equal(8ul, PeerFeed.Position(RunningLink.Cursor(harness)));
    }

    [Fact]
    public async Task RunAsync_Restarted_ResumesFromTheStoredCursor()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Feed.Add(harness.JpnKey.Sign());
        harness.Feed.Add(harness.JpnKey.Sign());
        await using (var first = await RunningLink.StartAsync(harness))
        {
            await LinkHarness.WaitUntilAsync(() => harness.Status?.Position == 2, "two versions are applied");
        }

        await harness.ReopenStoreAsync();
        harness.Feed.Add(harness.JpnKey.Sign());
        await using var second = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Indicators.AppliedCount == 3 && PeerFeed.Position(RunningLink.Cursor(harness)) == 3, "the third version is applied");

        Assert.Equal(2ul, PeerFeed.Position(harness.Feed.Subscriptions.Last().Cursor));
        Assert.Equal(3, harness.Indicators.Items);
        Assert.Equal(3ul, harness.Status!.Position);
    }

    [Fact]
    public async Task RunAsync_PeerGoesAway_ShownBackingOffThenReconnectsAndCatchesUp()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Feed.Add(harness.JpnKey.Sign());
        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Status?.Applied == 1, "the first version is applied");

        await harness.StopPeerAsync();
        await LinkHarness.WaitUntilAsync(() => harness.Status?.State is LinkState.BackingOff or LinkState.Connecting && harness.Status.LastError.Length > 0, "the link shows the failure");
        harness.Feed.Add(harness.JpnKey.Sign());
        await Task.Delay(300);
        await harness.StartPeerAsync();

        await LinkHarness.WaitUntilAsync(() => harness.Indicators.AppliedCount == 2, "the link catches up");
        Assert.Equal(LinkState.Connected, harness.Status!.State);
        Assert.True(harness.Feed.Subscriptions.Count >= 2);
        Assert.Equal(1ul, PeerFeed.Position(harness.Feed.Subscriptions.Last().Cursor));
    }

    [Fact]
    public async Task RunAsync_PeerCertificateNotFromItsRegisteredCa_RefusedAndShown()
    {
        await using var wrong = await LinkHarness.StartAsync(registeredCaOfAnotherNation: true);
        wrong.Feed.Add(wrong.JpnKey.Sign());

        await using var link = await RunningLink.StartAsync(wrong);
        await LinkHarness.WaitUntilAsync(() => wrong.Status?.LastError.Length > 0, "the link shows the refusal");

        Assert.Contains("certificate was refused", wrong.Status!.LastError, StringComparison.Ordinal);
        Assert.Empty(wrong.Feed.Subscriptions);
        Assert.Equal(0, wrong.Indicators.AppliedCount);
    }

    [Fact]
    public async Task RunAsync_RejectionLimitReached_LinkCutAndShownDisabled()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Options.RejectionLimit = 3;
        for (var i = 0; i < 4; i++)
        {
            harness.Feed.Add(harness.KorKey.Sign());
        }

        var worker = await harness.WorkerAsync();
        var ended = await worker.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(LinkState.Disabled, ended);
        Assert.Equal(LinkState.Disabled, harness.Status!.State);
        Assert.Contains("cut after 3 rejected versions", harness.Status.LastError, StringComparison.Ordinal);
        Assert.Equal(0, harness.Indicators.AppliedCount);
    }

    [Fact]
    public async Task RunAsync_PeerRefusesThisNode_BacksOffShowingTheRefusal()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Feed.Refusal = global::Grpc.Core.StatusCode.PermissionDenied;

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Status?.LastError.Length > 0, "the link shows the refusal");

        Assert.StartsWith("PermissionDenied", harness.Status!.LastError, StringComparison.Ordinal);
        Assert.NotNull(harness.Status.LastErrorAt);
    }

    [Fact]
    public async Task RunAsync_RelayPathOverTheCap_RejectedInvalidAndAuditedWhenTheLinkStops()
    {
        await using var harness = await LinkHarness.StartAsync();
        var path = Enumerable.Range(0, 17).Select(_ => Hop("GBR")).Append(Hop("JPN")).ToArray();
        harness.Feed.Add(harness.FraKey.Sign(v => v.Distribution.HopLimit = 16), path);
        harness.Feed.Add(harness.JpnKey.Sign());

        await using (var link = await RunningLink.StartAsync(harness))
        {
            await LinkHarness.WaitUntilAsync(() => harness.Status?.Received == 2, "both versions are received");
        }

        // Stopping reports the window so far: the reason is the cap (Invalid), not the signed hop limit.
        await LinkHarness.WaitUntilAsync(() => !harness.AuditSink.Events.IsEmpty, "the rejections are audited");
        Assert.Equal((1ul, 1ul), (harness.Status!.Rejected, harness.Status.Applied));
        var count = Assert.Single(Assert.Single(harness.AuditSink.Events).Rejections);
        Assert.Equal(("Invalid", 1ul), (count.Reason, count.Count));
    }

    [Fact]
    public async Task RunAsync_OverTheLinkBytesQuota_SlowedNotRejected()
    {
        await using var harness = await LinkHarness.StartAsync();
        var versions = Enumerable.Range(0, 3).Select(_ => harness.JpnKey.Sign()).ToList();
        versions.ForEach(v => harness.Feed.Add(v));
        // One second's worth is one record: the other two wait about a second each.
        harness.Options.BytesPerSecond = new FeedRecord { Cursor = Google.Protobuf.ByteString.CopyFrom(new byte[8]), Indicator = new IndicatorRecord { Version = versions[0] } }.CalculateSize();
        var started = System.Diagnostics.Stopwatch.StartNew();

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Indicators.AppliedCount == 3, "every version is applied");

        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"applied after {started.Elapsed}");
        Assert.Equal(0ul, harness.Status!.Rejected);
    }

    [Fact]
    public async Task RunAsync_OverTheOriginVersionsQuota_SlowedNotRejected()
    {
        await using var harness = await LinkHarness.StartAsync();
        harness.Options.OriginVersionsPerSecond = 1;
        for (var i = 0; i < 3; i++)
        {
            harness.Feed.Add(harness.FraKey.Sign(), Hop("JPN"));
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Indicators.AppliedCount == 3, "every version is applied");

        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.5), $"applied after {started.Elapsed}");
        Assert.Equal(0ul, harness.Status!.Rejected);
    }

    private static RelayHop Hop(string nation) => new() { Nation = nation, NodeId = "node-1" };
}
