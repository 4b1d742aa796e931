using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>Per-caller rate limits and the message size limit, answered with gRPC statuses.</summary>
public sealed class LimitsTests(LimitsTests.LimitedNode fixture) : IClassFixture<LimitsTests.LimitedNode>
{
    private const int MaxMessageBytes = 64 * 1024;

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Call_CallerOverItsRate_GetsResourceExhaustedWithRetryHintWhileOthersAreServed()
    {
        using var channel = Node.GatewayChannel();
        var greedy = Calls.Indicators(channel, Node.UserToken("greedy", Roles.Analyst));
        var patient = Calls.Indicators(channel, Node.UserToken("patient", Roles.Analyst));

        RpcException? refused = null;
        for (var i = 0; i < 50 && refused is null; i++)
        {
            try
            {
                await greedy.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline);
            }
            catch (RpcException e)
            {
                refused = e;
            }
        }

        var other = await Calls.StatusOf(() => patient.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.True(int.Parse(refused.Trailers.GetValue("grpc-retry-pushback-ms")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(StatusCode.OK, other);
    }

    [Fact]
    public async Task Submit_MessageOverLimit_IsResourceExhaustedAndTheGatewayGoesOn()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("big-sender", Roles.Analyst));
        var large = Submissions.Ipv4Batch(1, 1);
        large.Indicators[0].Description = new string('x', MaxMessageBytes);

        var status = await Calls.StatusOf(() => analyst.SubmitAsync(large, deadline: Calls.Deadline).ResponseAsync);
        var after = await Calls.StatusOf(() => analyst.SubmitAsync(Submissions.Ipv4Batch(2, 1), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal((StatusCode.ResourceExhausted, StatusCode.OK), (status, after));
    }

    /// <summary>A node whose gateway allows each user 5 calls a second, 5 at once, and 64 KiB messages.</summary>
    public sealed class LimitedNode : NodeFixture
    {
        protected override TestNodeOptions Options => new()
        {
            GatewaySettings = new Dictionary<string, string?>
            {
                ["Gateway__RateLimits__User__PermitsPerSecond"] = "5",
                ["Gateway__RateLimits__User__Burst"] = "5",
                ["Gateway__MaxMessageBytes"] = MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }
}
