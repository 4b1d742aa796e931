using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>Server streams through the gateway: the whole feed in order, and a service that goes away mid-stream.</summary>
public sealed class StreamingTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private const int Events = 100_000;
    private const int Batch = 1_000;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Watch_HundredThousandEventsThroughGateway_ArriveInOrderNoneLost()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("watcher", Roles.Analyst));
        var start = (await analyst.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline)).LastSequence;
        for (var first = 0; first < Events; first += Batch)
        {
            await analyst.SubmitAsync(Submissions.Ipv4Batch(first, Batch), deadline: Calls.Deadline);
        }

        using var watch = analyst.Watch(new WatchRequest { AfterSequence = start }, deadline: DateTime.UtcNow.AddMinutes(3));
        var expected = start + 1;
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (values.Count < Events && await watch.ResponseStream.MoveNext(CancellationToken.None))
        {
            var change = watch.ResponseStream.Current;
            Assert.Equal(expected++, change.Sequence);
            values.Add(change.Indicator.Value);
        }

        Assert.Equal(Events, values.Count);
    }
}
