using CyberPledge.Indicators.Tests.Support;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.EndToEnd;

/// <summary>The service as its own process (Program.cs), as an operator starts it.</summary>
public sealed class StandaloneProcessTests
{
    private static DateTime Deadline => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task ApplyForeignVersion_StandaloneProcess_RefusedToAnalystsAndPeersServedToFederation()
    {
        using var data = new TemporaryDirectory();
        using var france = new ForeignOrigin();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        var request = new ApplyForeignVersionRequest { Indicator = france.Sign(ForeignVersions.Unsigned()), OriginPublicKey = france.PublicKey };
        var anonymous = new V1.Indicators.IndicatorsClient(service.Channel);
        var peer = service.ClientWith(service.Tokens.For(ServiceDefaults.Identity.Roles.Node("FRA", "paris")));

        var unauthenticated = await Assert.ThrowsAsync<RpcException>(() => anonymous.ApplyForeignVersionAsync(request, deadline: Deadline).ResponseAsync);
        var analyst = await Assert.ThrowsAsync<RpcException>(() => service.Client.ApplyForeignVersionAsync(request, deadline: Deadline).ResponseAsync);
        var node = await Assert.ThrowsAsync<RpcException>(() => peer.ApplyForeignVersionAsync(request, deadline: Deadline).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, unauthenticated.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, analyst.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, node.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => service.Client.GetAsync(new GetRequest { Id = request.Indicator.Id }, deadline: Deadline).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        var federation = service.ClientWith(service.Tokens.Federation);
        Assert.Equal(ApplyOutcome.Applied, (await federation.ApplyForeignVersionAsync(request, deadline: Deadline)).Outcome);
    }

    [Fact]
    public async Task Start_NewDataDirectory_CreatesKeyAndDatabaseAndServesIdentity()
    {
        using var data = new TemporaryDirectory();
        var directory = Path.Combine(data.Path, "node");
        await using var service = await ServiceProcess.StartAsync(directory);

        var identity = await service.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), deadline: Deadline);

        Assert.True(File.Exists(Path.Combine(directory, "node-signing-key.pem")));
        Assert.True(File.Exists(Path.Combine(directory, "indicators.db")));
        Assert.Equal(32, identity.KeyId.Length);
        Assert.False(string.IsNullOrEmpty(identity.FeedId));
    }

    [Fact]
    public async Task Watch_CursorOfAReplacedStore_IsFailedPrecondition()
    {
        using var data = new TemporaryDirectory();
        await using var service = await ServiceProcess.StartAsync(data.Path);
        using var call = service.Client.Watch(new WatchRequest { FeedId = Guid.NewGuid().ToString() }, deadline: Deadline);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }
}
