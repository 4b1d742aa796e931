using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>Two Indicators processes behind the gateway as replicas (each its own store, told apart by its feed id).</summary>
public sealed class ReplicaBalancingTests(ReplicaBalancingTests.TwoReplicas fixture) : IClassFixture<ReplicaBalancingTests.TwoReplicas>
{
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(300);

    public sealed class TwoReplicas : NodeFixture
    {
        protected override TestNodeOptions Options => new()
        {
            ExtraIndicatorsReplicas = 1,
            GatewaySettings = new Dictionary<string, string?> { ["Gateway__HealthProbeInterval"] = ProbeInterval.ToString() },
        };
    }

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Calls_SpreadOverBothReplicas_OneKilled_TheGatewayStopsSendingToIt_EveryCallServedByTheOther()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("balancer", Roles.Analyst));
        using var direct = TestNode.DirectChannel(Node.Indicators);
        var first = (await Calls.Indicators(direct, Node.Tokens.Federation).GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline)).FeedId;

        var before = await FeedIdsAsync(analyst, 20);
        Assert.Equal(2, before.Distinct().Count());
        Assert.Contains(first, before);

        await Node.IndicatorsReplicas[0].KillAsync();
        // The first probe rounds after the kill find it gone; calls in flight until then may fail.
        await Task.Delay(ProbeInterval * 4);
        var after = await FeedIdsAsync(analyst, 20);

        Assert.All(after, id => Assert.Equal(first, id));
    }

    /// <summary>The feed id of the replica that answered each of <paramref name="calls"/> calls; throws if one fails.</summary>
    private static async Task<List<string>> FeedIdsAsync(V1.Indicators.IndicatorsClient client, int calls)
    {
        var ids = new List<string>(calls);
        for (var i = 0; i < calls; i++)
        {
            try
            {
                ids.Add((await client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline)).FeedId);
            }
            catch (RpcException e)
            {
                Assert.Fail($"call {i} failed: {e.Status}");
            }
        }

        return ids;
    }
}
