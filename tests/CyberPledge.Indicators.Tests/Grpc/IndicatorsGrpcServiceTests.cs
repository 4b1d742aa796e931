using CyberPledge.Testing;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>End to end on a real Kestrel over loopback, through the generated client.</summary>
public sealed class IndicatorsGrpcServiceTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private InProcessHost _host = null!;

    private V1.Indicators.IndicatorsClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CallOptions Deadline(Metadata? headers = null) => new(headers, DateTime.UtcNow + Patience);

    [Fact]
    public async Task Submit_ThenGetAndQuery_ReturnTheSignedNormalizedVersion()
    {
        var response = await Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Domain("Evil.Example.COM") } }, Deadline());
        var id = Assert.Single(response.Results).Id;

        var got = await Client.GetAsync(new GetRequest { Id = id }, Deadline());
        var queried = await Client.QueryAsync(new QueryRequest { Type = IndicatorType.Domain, Value = "evil.example.com" }, Deadline());
        var identity = await Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), Deadline());
        var verified = await Client.VerifySignatureAsync(new VerifySignatureRequest { Indicator = got, OriginPublicKey = identity.PublicKey }, Deadline());

        Assert.Equal("evil.example.com", got.Value);
        Assert.Equal(got, Assert.Single(queried.Indicators));
        Assert.True(verified.Valid, verified.Reason);
        Assert.Equal("XXX", identity.Origin.Nation);
    }

    [Fact]
    public async Task Submit_InvalidItemInBatch_ItemRejectedOthersStored()
    {
        var bad = TestIndicators.Domain("not a domain");
        var response = await Client.SubmitAsync(new SubmitRequest { Indicators = { bad, TestIndicators.Domain("fine.example") } }, Deadline());

        Assert.Equal(SubmitOutcome.Rejected, response.Results[0].Outcome);
        Assert.StartsWith("value: ", response.Results[0].Error, StringComparison.Ordinal);
        Assert.Equal(SubmitOutcome.Created, response.Results[1].Outcome);
    }

    [Fact]
    public async Task Submit_EmptyBatch_IsInvalidArgumentNamingTheField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.SubmitAsync(new SubmitRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("indicators: at least one indicator", error.Status.Detail);
    }

    [Fact]
    public async Task Get_Unknown_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetAsync(new GetRequest { Id = Guid.NewGuid().ToString() }, Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Revoke_ThenQuery_RevokedIsLeftOut()
    {
        var id = (await Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Domain("revoke.example") } }, Deadline())).Results[0].Id;

        var revoked = await Client.RevokeAsync(new RevokeRequest { Id = id }, Deadline());
        var page = await Client.QueryAsync(new QueryRequest { Text = "revoke.example" }, Deadline());

        Assert.True(revoked.Revoked);
        Assert.Empty(page.Indicators);
    }

    [Fact]
    public async Task Watch_CatchUpThenLive_StreamsEveryVersionInOrder()
    {
        await Client.SubmitAsync(new SubmitRequest { Indicators = { Enumerable.Range(0, 3).Select(TestIndicators.Ipv4) } }, Deadline());
        using var call = Client.Watch(new WatchRequest(), Deadline());

        var received = new List<ChangeEvent>();
        while (received.Count < 3 && await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            received.Add(call.ResponseStream.Current);
        }

        await Client.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Domain("live.example") } }, Deadline());
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        received.Add(call.ResponseStream.Current);

        Assert.Equal([1ul, 2ul, 3ul, 4ul], received.Select(e => e.Sequence));
        Assert.Equal("live.example", received[3].Indicator.Value);
    }

    [Fact]
    public async Task ApplyForeignVersion_Anonymous_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Anonymous.ApplyForeignVersionAsync(ForeignRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ApplyForeignVersion_Analyst_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.ApplyForeignVersionAsync(ForeignRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ApplyForeignVersion_PeerNodeRole_IsPermissionDenied()
    {
        // A peer's node: identity (even from the node's own internal issuer, as the gateway forwards it) never reaches it.
        var peer = _host.ClientWith(_host.Tokens.For(Roles.Node("FRA", "paris")));
        var error = await Assert.ThrowsAsync<RpcException>(() => peer.ApplyForeignVersionAsync(ForeignRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ApplyForeignVersion_FederationService_IsApplied()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);
        var request = ForeignRequest();

        var response = await federation.ApplyForeignVersionAsync(request, Deadline());

        Assert.Equal(ApplyOutcome.Applied, response.Outcome);
        Assert.Equal(request.Indicator, await Client.GetAsync(new GetRequest { Id = request.Indicator.Id }, Deadline()));
    }

    [Fact]
    public async Task ApplyForeignVersions_Analyst_IsPermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ApplyForeignVersionsAsync(new ApplyForeignVersionsRequest { Items = { ForeignRequest() } }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task ApplyForeignVersions_FederationService_AnOutcomePerItem()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);
        var request = ForeignRequest();
        request.Path.Add(new RelayHop { Nation = "DEU", NodeId = "berlin" });

        var response = await federation.ApplyForeignVersionsAsync(new ApplyForeignVersionsRequest { Items = { request, request } }, Deadline());

        Assert.Equal([ApplyOutcome.Applied, ApplyOutcome.Ignored], response.Results.Select(r => r.Outcome));
    }

    [Fact]
    public async Task ApplyForeignVersions_BadHop_IsInvalidArgumentNamingIt()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);
        var request = ForeignRequest();
        request.Path.Add(new RelayHop { Nation = "Germany", NodeId = "berlin" });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            federation.ApplyForeignVersionsAsync(new ApplyForeignVersionsRequest { Items = { request } }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("items[0].path[0].nation:", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Anonymous_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Anonymous.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Ipv4(9) } }, Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Submit_Partner_IsPermissionDenied()
    {
        var partner = _host.ClientWith(_host.Tokens.For(Roles.Partner("JPN")));
        var error = await Assert.ThrowsAsync<RpcException>(() => partner.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Ipv4(9) } }, Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task GetNodeIdentity_AnyAuthenticatedCaller_IsAnswered()
    {
        var partner = _host.ClientWith(_host.Tokens.For(Roles.Partner("JPN")));
        var identity = await partner.GetNodeIdentityAsync(new GetNodeIdentityRequest(), Deadline());
        Assert.Equal("XXX", identity.Origin.Nation);
    }

    [Fact]
    public async Task Submit_Admin_IsServed()
    {
        var admin = _host.ClientWith(_host.Tokens.Admin);
        var response = await admin.SubmitAsync(new SubmitRequest { Indicators = { TestIndicators.Ipv4(9) } }, Deadline());
        Assert.Equal(SubmitOutcome.Created, response.Results[0].Outcome);
    }

    private static ApplyForeignVersionRequest ForeignRequest()
    {
        using var france = new ForeignOrigin();
        return new ApplyForeignVersionRequest { Indicator = france.Sign(ForeignVersions.Unsigned()), OriginPublicKey = france.PublicKey };
    }
}
