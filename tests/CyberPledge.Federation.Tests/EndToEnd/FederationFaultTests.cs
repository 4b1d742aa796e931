using System.Collections.Concurrent;
using CyberPledge.Federation.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Federation.Tests.EndToEnd;

/// <summary>
/// Faults with real processes (issue 10, "Done when"): the origin's whole node killed with SIGKILL mid-flow, a peer's
/// gateway stopped for a while, and a relay that alters what it passes on.
/// </summary>
public sealed class FederationFaultTests
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(60);

    private static readonly AgreementRules AllyRules = new()
    {
        MaxTlp = Tlp.Amber,
        IndicatorTypes = { IndicatorType.Ipv4 },
        Sectors = { Sector.Energy },
        MayReshare = true,
        HopLimit = 2,
    };

    [Fact]
    public async Task Kill_OriginNodeMidFlow_EveryAcknowledgedIndicatorReachesEveryAllyOnce()
    {
        await using var federation = await TestFederation.StartAsync("NLD", "DEU", "POL");
        await federation.GrantAsync("NLD", "DEU", Tier.Ally, AllyRules);
        await federation.GrantAsync("NLD", "POL", Tier.Ally, AllyRules);
        var origin = federation["NLD"];
        var acknowledged = new ConcurrentBag<string>();

        using (var submitting = new CancellationTokenSource())
        {
            var submitter = SubmitUntilAsync(origin, acknowledged, submitting.Token);
            await LinkHarness.WaitUntilAsync(() => acknowledged.Count >= 50, "50 acknowledged submissions before the kill", Arrival);
            await origin.KillAsync();
            var beforeKill = acknowledged.Count;
            await origin.RestartAsync();
            await LinkHarness.WaitUntilAsync(() => acknowledged.Count >= beforeKill + 50, "50 acknowledged submissions after the restart", Arrival);
            await submitting.CancelAsync();
            await submitter;
        }

        var expected = acknowledged.ToHashSet(StringComparer.Ordinal);
        foreach (var nation in new[] { "NLD", "DEU", "POL" })
        {
            using var channel = federation[nation].GatewayChannel();
            var feed = await NodeCalls.ReadFeedAsync(NodeCalls.Analyst(federation[nation], channel),
                read => expected.IsSubsetOf(read.Select(v => v.Value)), Arrival);

            Assert.Subset(feed.Select(v => v.Value).ToHashSet(StringComparer.Ordinal), expected);
            Assert.Equal(feed.Count, feed.Select(v => (v.Origin.Nation, v.Id, v.Version)).Distinct().Count());
        }
    }

    [Fact]
    public async Task CutLink_PeerGatewayStoppedForAWhile_HealsByItselfAndCatchesUp()
    {
        await using var federation = await TestFederation.StartAsync("NLD", "DEU");
        await federation.GrantAsync("NLD", "DEU", Tier.Ally, AllyRules);
        var origin = federation["NLD"];
        using var deu = federation["DEU"].GatewayChannel();
        var german = NodeCalls.Analyst(federation["DEU"], deu);
        using (var nld = origin.GatewayChannel())
        {
            await NodeCalls.Analyst(origin, nld).SubmitAsync(Batch("198.51.100.", 1, 1));
        }

        await NodeCalls.WaitForAsync(german, IndicatorType.Ipv4, "198.51.100.1", Arrival);

        await origin.Gateway.KillAsync();
        using (var direct = TestNode.DirectChannel(origin.Indicators))
        {
            // The gateway is down: the origin's own analysts reach Indicators inside the node.
            var inside = new V1.Indicators.IndicatorsClient(TestTokens.WithToken(direct.CreateCallInvoker(), origin.Tokens.Analyst));
            await inside.SubmitAsync(Batch("198.51.100.", 2, 40));
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var links = NodeCalls.Links(federation["DEU"], deu);
        var cut = await links.GetLinkAsync(new GetLinkRequest { Nation = "NLD", Direction = LinkDirection.Inbound });
        var whileCut = await german.QueryAsync(new QueryRequest { Type = IndicatorType.Ipv4, Value = "198.51.100.2" });
        await origin.RestartGatewayAsync();
        await NodeCalls.WaitForAsync(german, IndicatorType.Ipv4, "198.51.100.41", Arrival);
        var feed = await NodeCalls.ReadFeedAsync(german, read => read.Count >= 41, TimeSpan.FromSeconds(5));
        var healed = await links.GetLinkAsync(new GetLinkRequest { Nation = "NLD", Direction = LinkDirection.Inbound });

        Assert.NotEqual(LinkState.Connected, cut.State);
        Assert.NotEmpty(cut.LastError);
        Assert.Empty(whileCut.Indicators);
        Assert.Equal(41, feed.Count);
        Assert.Equal(41, feed.Select(v => v.Value).Distinct().Count());
        Assert.Equal(LinkState.Connected, healed.State);
    }

    private static SubmitRequest Batch(string prefix, int first, int count)
    {
        var batch = new SubmitRequest();
        for (var i = first; i < first + count; i++)
        {
            batch.Indicators.Add(Ipv4($"{prefix}{i}"));
        }

        return batch;
    }

    internal static IndicatorSubmission Ipv4(string value) => new()
    {
        Type = IndicatorType.Ipv4,
        Value = value,
        Tlp = Tlp.Green,
        Confidence = 90,
        Severity = Severity.High,
        Sectors = { Sector.Energy },
        Description = "Scanner seen against energy operators",
        Distribution = new Distribution { MayReshare = true, HopLimit = 2 },
    };

    /// <summary>Submits batches of five through the origin's gateway until cancelled, keeping the values it acknowledged.</summary>
    private static async Task SubmitUntilAsync(TestNode origin, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        var next = 0;
        while (!stop.IsCancellationRequested)
        {
            var batch = new SubmitRequest();
            for (var i = 0; i < 5; i++, next++)
            {
                batch.Indicators.Add(Ipv4($"10.{next / 65536 % 256}.{next / 256 % 256}.{next % 256}"));
            }

            try
            {
                // A new channel per batch, so that a connection to the killed gateway is never reused.
                using var channel = origin.GatewayChannel();
                await NodeCalls.Analyst(origin, channel).SubmitAsync(batch, deadline: DateTime.UtcNow.AddSeconds(5), cancellationToken: stop);
                foreach (var submission in batch.Indicators)
                {
                    acknowledged.Add(submission.Value);
                }
            }
            catch (RpcException) when (!stop.IsCancellationRequested)
            {
                // Not acknowledged (the node is down): it may or may not be stored, and nothing is expected of it.
                await Task.Delay(100, CancellationToken.None);
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && stop.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException) when (!stop.IsCancellationRequested)
            {
                // The gateway process is being restarted: its address is not known yet.
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }
}
