using CyberPledge.Gateway.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Testing.Nodes;
using CyberPledge.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace CyberPledge.Gateway.Tests.EndToEnd;

/// <summary>A service behind the gateway that dies or stops: open streams end with UNAVAILABLE, never hang.</summary>
public sealed class BackendFailureTests(NodeFixture fixture) : IClassFixture<NodeFixture>
{
    private static readonly TimeSpan EndWithin = TimeSpan.FromSeconds(10);

    private TestNode Node => fixture.Node;

    [Fact]
    public async Task Watch_ServiceKilledThenRestarted_StreamEndsUnavailableAndNewCallsAreServedAgain()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("watcher", Roles.Analyst));
        using var watch = analyst.Watch(new WatchRequest { FromNow = true });
        await analyst.SubmitAsync(Submissions.Ipv4Batch(1, 1), deadline: Calls.Deadline);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        await Node.Indicators.KillAsync();
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(EndWithin));
        var whileDown = await Calls.StatusOf(() => analyst.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);
        await Node.RestartIndicatorsAsync();
        var afterRestart = await Calls.StatusOf(() => analyst.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Calls.Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal((StatusCode.Unavailable, StatusCode.OK), (whileDown, afterRestart));
    }

    [Fact]
    public async Task Health_ServiceKilledThenRestarted_GatewayReportsItNotServingThenServing()
    {
        using var channel = Node.GatewayChannel();
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        var indicators = new HealthCheckRequest { Service = "cyberpledge.v1.Indicators" };
        await Eventually.Reach(async () => (await health.CheckAsync(indicators, deadline: Calls.Deadline)).Status, HealthCheckResponse.Types.ServingStatus.Serving, EndWithin);
        // This node runs no Federation service, so the node as a whole is not serving.
        var node = await health.CheckAsync(new HealthCheckRequest(), deadline: Calls.Deadline);

        await Node.Indicators.KillAsync();
        var down = await Eventually.Reach(async () => (await health.CheckAsync(indicators, deadline: Calls.Deadline)).Status, HealthCheckResponse.Types.ServingStatus.NotServing, EndWithin);
        await Node.RestartIndicatorsAsync();
        var up = await Eventually.Reach(async () => (await health.CheckAsync(indicators, deadline: Calls.Deadline)).Status, HealthCheckResponse.Types.ServingStatus.Serving, EndWithin);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, node.Status);
        Assert.True(down < EndWithin && up < EndWithin);
    }

    [Fact]
    public async Task Watch_ServiceStoppedGracefully_StreamEndsUnavailable()
    {
        using var channel = Node.GatewayChannel();
        var analyst = Calls.Indicators(channel, Node.UserToken("watcher-2", Roles.Analyst));
        using var watch = analyst.Watch(new WatchRequest { FromNow = true });
        await analyst.SubmitAsync(Submissions.Ipv4Batch(2, 1), deadline: Calls.Deadline);
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        var stopping = Node.Indicators.StopAsync(TimeSpan.FromSeconds(30));
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(EndWithin));
        await stopping;
        await Node.RestartIndicatorsAsync();

        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
    }
}
