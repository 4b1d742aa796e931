using CyberPledge.Indicators.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.Signing;
using CyberPledge.Testing;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Indicators.Tests.Grpc;

/// <summary>SignWithdrawal and WithdrawForeignCopy are the node's Federation service's only (SECURITY.md rule 1), on a real Kestrel.</summary>
public sealed class WithdrawalRpcTests : IAsyncLifetime
{
    private static readonly Origin France = new() { Nation = "FRA", NodeId = "paris" };
    private InProcessHost _host = null!;

    public async Task InitializeAsync() => _host = await InProcessHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static CallOptions Deadline() => new(null, DateTime.UtcNow + TimeSpan.FromSeconds(30));

    private static SignWithdrawalRequest SignRequest() => new() { Grantee = "JPN", Origin = France, IndicatorId = ForeignVersions.Unsigned().Id, Version = 2 };

    private static WithdrawForeignCopyRequest WithdrawRequest() => new() { Origin = France, IndicatorId = ForeignVersions.Unsigned().Id, Provider = "FRA" };

    public static TheoryData<string> NotFederation => ["analyst", "peer"];

    private V1.Indicators.IndicatorsClient Caller(string who) =>
        who == "analyst" ? _host.Client : _host.ClientWith(_host.Tokens.For(Roles.Node("FRA", "paris")));

    [Theory]
    [MemberData(nameof(NotFederation))]
    public async Task SignWithdrawal_NotTheFederationService_IsPermissionDenied(string who)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Caller(who).SignWithdrawalAsync(SignRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(NotFederation))]
    public async Task WithdrawForeignCopy_NotTheFederationService_IsPermissionDenied(string who)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Caller(who).WithdrawForeignCopyAsync(WithdrawRequest(), Deadline()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task SignWithdrawal_FederationService_SignedWithTheNodesKey()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);
        var identity = await _host.Client.GetNodeIdentityAsync(new GetNodeIdentityRequest(), Deadline());

        var withdrawal = await federation.SignWithdrawalAsync(SignRequest(), Deadline());

        Assert.Equal(identity.Origin, withdrawal.Sender);
        Assert.True(WithdrawalSignature.Verify(withdrawal, identity.PublicKey.Span).IsValid);
    }

    [Fact]
    public async Task WithdrawForeignCopy_FederationServiceNothingHeld_Unchanged()
    {
        var federation = _host.ClientWith(_host.Tokens.Federation);

        var response = await federation.WithdrawForeignCopyAsync(WithdrawRequest(), Deadline());

        Assert.Equal(WithdrawOutcome.Unchanged, response.Outcome);
    }
}
