using CyberPledge.Partners.Tests.Support;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;

namespace CyberPledge.Partners.Tests.Grpc;

/// <summary>Who may call what (SECURITY.md rule 1), over the wire with real tokens.</summary>
public sealed class AuthorizationTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await PartnersHost.StartAsync();
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("JPN-1", "JPN") });
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("KOR-1", "KOR") });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static async Task<StatusCode> CodeOf(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    [Fact]
    public async Task ChangeMethods_PartnerAnalystOrService_PermissionDenied()
    {
        foreach (var client in new[] { _host.Partner("JPN"), _host.Analyst, _host.ClientWith(_host.Tokens.Federation) })
        {
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.UpdateAgreementAsync(new UpdateAgreementRequest { Agreement = TestData.Agreement("JPN-1"), ExpectedVersion = 1 }).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.SuspendAgreementAsync(new AgreementTransitionRequest { Id = "JPN-1", ExpectedVersion = 1 }).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement("JPN-2") }).ResponseAsync));
            Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => client.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() }).ResponseAsync));
        }

        Assert.Equal(1ul, (await _host.Analyst.GetAgreementAsync(new GetAgreementRequest { Id = "JPN-1" })).Version);
    }

    [Fact]
    public async Task ReadAgreements_Partner_OnlyItsOwnAndPermissionDeniedForAnothers()
    {
        var japan = _host.Partner("JPN");

        var listed = await japan.ListAgreementsAsync(new ListAgreementsRequest());
        var own = await japan.GetAgreementAsync(new GetAgreementRequest { Id = "JPN-1" });

        Assert.Equal(["JPN-1"], listed.Agreements.Select(a => a.Id));
        Assert.Equal("JPN", own.Grantee);
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.GetAgreementAsync(new GetAgreementRequest { Id = "KOR-1" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.GetAgreementAsync(new GetAgreementRequest { Id = "NONE-1" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.GetAgreementHistoryAsync(new GetAgreementHistoryRequest { Id = "KOR-1" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.ListAgreementsAsync(new ListAgreementsRequest { Grantee = "KOR" }).ResponseAsync));
    }

    [Fact]
    public async Task PartnerAndService_PreviewExplainAuditAndPeers_PermissionDeniedWhereNotTheirs()
    {
        var japan = _host.Partner("JPN");
        var federation = _host.ClientWith(_host.Tokens.Federation);

        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.PreviewAsync(new PreviewRequest { AgreementId = "JPN-1" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.ExplainAsync(new ExplainRequest { IndicatorId = "x", Grantee = "JPN" }).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.ListAuditAsync(new ListAuditRequest()).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => japan.ListPeersAsync(new ListPeersRequest()).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => federation.VerifyAuditAsync(new VerifyAuditRequest()).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await CodeOf(() => _host.ClientWith(_host.Tokens.For(Roles.Node("JPN", "n1"))).ListAgreementsAsync(new ListAgreementsRequest()).ResponseAsync));
        Assert.Equal(2, (await federation.ListAgreementsAsync(new ListAgreementsRequest())).Agreements.Count);
        Assert.Equal(StatusCode.OK, await CodeOf(() => federation.ListPeersAsync(new ListPeersRequest()).ResponseAsync));
    }

    [Fact]
    public async Task AnyMethod_NoToken_Unauthenticated()
    {
        Assert.Equal(StatusCode.Unauthenticated, await CodeOf(() => _host.Anonymous.ListAgreementsAsync(new ListAgreementsRequest()).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await CodeOf(() => _host.Anonymous.GetTemplateAsync(new GetTemplateRequest { Tier = Tier.Ally }).ResponseAsync));
        Assert.Equal(StatusCode.Unauthenticated, await CodeOf(() => _host.Anonymous.RevokeAgreementAsync(new AgreementTransitionRequest { Id = "JPN-1", ExpectedVersion = 1 }).ResponseAsync));
    }
}
