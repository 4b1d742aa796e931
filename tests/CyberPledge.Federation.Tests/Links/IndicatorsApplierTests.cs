using CyberPledge.Federation.Links;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;
using Google.Protobuf;

namespace CyberPledge.Federation.Tests.Links;

/// <summary>How checked versions reach this node's Indicators: in batches (ApplyForeignVersions), with their path and pinned key.</summary>
public sealed class IndicatorsApplierTests
{
    private static readonly RelayHop Japan = new() { Nation = "JPN", NodeId = "node-1" };

    [Fact]
    public async Task ApplyAsync_Versions_OneCallWithPathsAndKeysAndOutcomesMapped()
    {
        await using var harness = await LinkHarness.StartAsync();
        var direct = harness.JpnKey.Sign();
        var relayed = harness.FraKey.Sign();
        var forked = harness.JpnKey.Sign();
        var jumped = harness.JpnKey.Sign();
        harness.Indicators.Script = item =>
            item.Indicator.Id == forked.Id ? ApplyOutcome.Equivocation : item.Indicator.Id == jumped.Id ? ApplyOutcome.Quarantined : null;
        var versions = new[]
        {
            Foreign(direct, harness.JpnKey.PublicKey),
            Foreign(relayed, harness.FraKey.PublicKey, Japan),
            Foreign(forked, harness.JpnKey.PublicKey),
            Foreign(jumped, harness.JpnKey.PublicKey),
            Foreign(direct, harness.JpnKey.PublicKey),
        };

        var results = await harness.Applier().ApplyAsync(versions, CancellationToken.None);

        Assert.Equal(
            [ForeignApplyOutcome.Applied, ForeignApplyOutcome.Applied, ForeignApplyOutcome.Equivocation, ForeignApplyOutcome.Quarantined, ForeignApplyOutcome.Ignored],
            results.Select(r => r.Outcome));
        var call = Assert.Single(harness.Indicators.Batches);
        Assert.Equal(5, call.Items.Count);
        Assert.Empty(call.Items[0].Path);
        Assert.Equal(harness.JpnKey.PublicKey, call.Items[0].OriginPublicKey);
        Assert.Equal([Japan], call.Items[1].Path);
        Assert.Equal(harness.FraKey.PublicKey, call.Items[1].OriginPublicKey);
    }

    [Fact]
    public async Task ApplyAsync_OneItemRefused_ThatOneRefusedTheOthersAppliedWithoutIt()
    {
        await using var harness = await LinkHarness.StartAsync();
        var first = harness.JpnKey.Sign();
        var bad = harness.JpnKey.Sign();
        var last = harness.JpnKey.Sign();
        harness.Indicators.Invalid = item => item.Indicator.Id == bad.Id;

        var results = await harness.Applier().ApplyAsync(
            [Foreign(first, harness.JpnKey.PublicKey), Foreign(bad, harness.JpnKey.PublicKey), Foreign(last, harness.JpnKey.PublicKey)], CancellationToken.None);

        Assert.Equal([ForeignApplyOutcome.Applied, ForeignApplyOutcome.Refused, ForeignApplyOutcome.Applied], results.Select(r => r.Outcome));
        Assert.StartsWith("items[1].", results[1].Reason, StringComparison.Ordinal);
        Assert.Equal([3, 2], harness.Indicators.Batches.Select(b => b.Items.Count));
        Assert.Equal([first.Id, last.Id], harness.Indicators.Applied.Select(v => v.Id));
    }

    [Fact]
    public async Task RunAsync_RecordsArrivingWhileABatchIsApplied_AppliedTogetherInTheNextCall()
    {
        await using var harness = await LinkHarness.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Indicators.Gate = gate.Task;
        harness.Feed.Add(harness.JpnKey.Sign());
        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Indicators.Batches.Length == 1, "the first batch reaches Indicators");

        harness.Feed.Add(harness.JpnKey.Sign());
        harness.Feed.Add(harness.FraKey.Sign(), Japan);
        harness.Feed.Add(harness.JpnKey.Sign());
        // The link reads on while Indicators holds the first call: what arrives waits in its buffer.
        await Task.Delay(500);
        gate.SetResult();
        await LinkHarness.WaitUntilAsync(() => harness.Status?.Position == 4 && PeerFeed.Position(RunningLink.Cursor(harness)) == 4, "all four are applied and the last cursor stored");

        Assert.Equal([1, 3], harness.Indicators.Batches.Select(b => b.Items.Count));
        Assert.Equal([Japan], harness.Indicators.Batches[1].Items[1].Path);
    }

    [Fact]
    public async Task RunAsync_EquivocationAndVersionJump_RejectedWithTheirReasonsAndTheLinkGoesOn()
    {
        await using var harness = await LinkHarness.StartAsync();
        var forked = harness.JpnKey.Sign();
        var jumped = harness.JpnKey.Sign();
        harness.Indicators.Script = item =>
            item.Indicator.Id == forked.Id ? ApplyOutcome.Equivocation : item.Indicator.Id == jumped.Id ? ApplyOutcome.Quarantined : null;
        harness.Feed.Add(forked);
        harness.Feed.Add(jumped);
        harness.Feed.Add(harness.JpnKey.Sign());

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => harness.Status?.Received == 3 && PeerFeed.Position(RunningLink.Cursor(harness)) == 3, "every version is received and the cursor stored");

        var status = harness.Status!;
        Assert.Equal((2ul, 1ul, 0ul), (status.Rejected, status.Applied, status.Ignored));
        Assert.Equal(LinkState.Connected, status.State);
    }

    private static ForeignVersion Foreign(Indicator version, ByteString key, params RelayHop[] path) => new(version, path, key.ToByteArray(), version.Origin.Nation);
}
