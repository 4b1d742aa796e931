using CyberPledge.Testing;
using CyberPledge.Indicators.Grpc;
using CyberPledge.Indicators.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>The ledger's refusals as gRPC statuses: the mapping itself, then each kind of call path over a real Kestrel.</summary>
public sealed class GrpcErrorsTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private InProcessHost _host = null!;

    private V1.Indicators.IndicatorsClient Client => _host.Client;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CallOptions Deadline() => new(null, DateTime.UtcNow + Patience);

    public static TheoryData<IndicatorErrorKind, StatusCode> Codes => new()
    {
        { IndicatorErrorKind.Invalid, StatusCode.InvalidArgument },
        { IndicatorErrorKind.NotFound, StatusCode.NotFound },
        { IndicatorErrorKind.PermissionDenied, StatusCode.PermissionDenied },
        { IndicatorErrorKind.FailedPrecondition, StatusCode.FailedPrecondition },
        { IndicatorErrorKind.OutOfRange, StatusCode.OutOfRange },
    };

    [Theory]
    [MemberData(nameof(Codes))]
    public void ToRpcException_EachKind_CodeAndFieldReasonMessage(IndicatorErrorKind kind, StatusCode expected)
    {
        var error = GrpcErrors.ToRpcException(new IndicatorException(kind, "id", "some reason"));

        Assert.Equal(expected, error.StatusCode);
        Assert.Equal("id: some reason", error.Status.Detail);
    }

    [Fact]
    public void ToRpcException_EveryKind_HasACode() =>
        Assert.All(Enum.GetValues<IndicatorErrorKind>(), kind => Assert.Contains(Codes, row => (IndicatorErrorKind)row[0] == kind));

    [Fact]
    public async Task Watch_CursorPastTheEnd_IsOutOfRangeWithTheLedgerMessage()
    {
        using var call = Client.Watch(new WatchRequest { AfterSequence = 5 }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("after_sequence: beyond the end of the feed (0); to watch from now, set from_now", error.Status.Detail);
    }

    [Fact]
    public async Task Watch_AnotherFeed_IsFailedPrecondition()
    {
        using var call = Client.Watch(new WatchRequest { FeedId = Guid.NewGuid().ToString() }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.StartsWith("feed_id: the cursor belongs to another feed", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifySignature_NoIndicator_IsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.VerifySignatureAsync(new VerifySignatureRequest(), Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("indicator: required", error.Status.Detail);
    }

    [Fact]
    public async Task ApplyForeignVersion_AlteredAfterSigning_IsInvalidArgumentNamingTheSignature()
    {
        using var france = new ForeignOrigin();
        var version = france.Sign(ForeignVersions.Unsigned());
        version.Tlp = Tlp.Clear;
        var federation = _host.ClientWith(_host.Tokens.Federation);

        var error = await Assert.ThrowsAsync<RpcException>(() => federation.ApplyForeignVersionAsync(
            new ApplyForeignVersionRequest { Indicator = version, OriginPublicKey = france.PublicKey }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("indicator.signature: does not verify", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_AnotherOriginsIndicator_IsPermissionDenied()
    {
        using var france = new ForeignOrigin();
        var foreign = france.Sign(ForeignVersions.Unsigned());
        var federation = _host.ClientWith(_host.Tokens.Federation);
        await federation.ApplyForeignVersionAsync(new ApplyForeignVersionRequest { Indicator = foreign, OriginPublicKey = france.PublicKey }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.RevokeAsync(new RevokeRequest { Id = foreign.Id }, Deadline()).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Contains("only its origin creates versions of it", error.Status.Detail, StringComparison.Ordinal);
    }
}
