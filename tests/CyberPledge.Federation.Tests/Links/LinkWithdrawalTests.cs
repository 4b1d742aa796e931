using CyberPledge.Federation.Tests.Support;
using CyberPledge.V1;

namespace CyberPledge.Federation.Tests.Links;

/// <summary>Received withdrawals (SECURITY.md rule 6): acted on only when the link's peer signed them for this node, and only for that link's copy.</summary>
public sealed class LinkWithdrawalTests
{
    private static RelayHop Hop(string nation) => new() { Nation = nation, NodeId = nation.ToLowerInvariant() + "-1" };

    [Fact]
    public async Task RunAsync_WithdrawalSignedByThePeerForThisNode_RemovesTheCopyThisLinkProvided()
    {
        await using var harness = await LinkHarness.StartAsync();
        var relayed = harness.FraKey.Sign();
        harness.Feed.Add(relayed, Hop("JPN"));
        harness.Feed.Add(harness.JpnKey.Withdraw(relayed));

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => PeerFeed.Position(RunningLink.Cursor(harness)) == 2, "the withdrawal is acted on and the cursor stored");

        var request = Assert.Single(harness.Indicators.Withdrawn);
        // The peer withdraws only what it provided: its own nation is the provider, never the origin named in the record.
        Assert.Equal((relayed.Origin, relayed.Id, "JPN"), (request.Origin, request.IndicatorId, request.Provider));
        Assert.False(harness.Indicators.Holds(relayed));
        Assert.Equal(0ul, harness.Status!.Rejected);
    }

    [Fact]
    public async Task RunAsync_ForgedMisaddressedOrAlteredWithdrawals_RejectedAndNothingWithdrawn()
    {
        await using var harness = await LinkHarness.StartAsync();
        var version = harness.JpnKey.Sign();
        harness.Feed.Add(version);
        var altered = harness.JpnKey.Withdraw(version);
        altered.Version++;
        var fromFrance = harness.FraKey.Withdraw(version);
        var claimsJapan = harness.FraKey.Withdraw(version);
        claimsJapan.Sender.Nation = "JPN";
        harness.Feed.Add(harness.JpnKey.Withdraw(version, grantee: "GBR"));
        harness.Feed.Add(altered);
        harness.Feed.Add(fromFrance);
        harness.Feed.Add(claimsJapan);
        harness.Feed.AddCheckpoint();

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => PeerFeed.Position(RunningLink.Cursor(harness)) == 6, "every record is judged");

        Assert.Empty(harness.Indicators.Withdrawn);
        Assert.True(harness.Indicators.Holds(version));
        Assert.Equal(4ul, harness.Status!.Rejected);
        Assert.Equal(LinkState.Connected, harness.Status.State);
    }

    [Fact]
    public async Task RunAsync_WithdrawalThenANewerVersionFromTheSameLink_TheIndicatorStays()
    {
        await using var harness = await LinkHarness.StartAsync();
        var first = harness.JpnKey.Sign();
        var second = harness.JpnKey.Sign(v => v.Id = first.Id, version: 3);
        harness.Feed.Add(first);
        harness.Feed.Add(harness.JpnKey.Withdraw(first));
        harness.Feed.Add(second);

        await using var link = await RunningLink.StartAsync(harness);
        await LinkHarness.WaitUntilAsync(() => PeerFeed.Position(RunningLink.Cursor(harness)) == 3, "the three records are applied");

        // In stream order the link provides it again after its withdrawal, whichever batches the records came in.
        Assert.True(harness.Indicators.Holds(second));
        Assert.Equal(3ul, harness.Indicators.Applied.Last().Version);
    }
}
