using CyberPledge.Partners.Tests.Support;
using CyberPledge.V1;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;

namespace CyberPledge.Partners.Tests.Agreements;

/// <summary>Agreements over gRPC as an administrator: templates, versions, the lifecycle and what is refused.</summary>
public sealed class AgreementLifecycleTests : IAsyncLifetime
{
    private PartnersHost _host = null!;

    public async Task InitializeAsync() => _host = await PartnersHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task CreateAgreement_PartnerTemplate_DraftWithBaselineRulesAndAlpha2GranteeStoredAsAlpha3()
    {
        var agreement = TestData.Agreement(grantee: "JP");
        agreement.Rules = null;

        var created = await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = agreement, Template = AgreementTemplate.PartnerBaseline });

        Assert.Equal(("JPN", AgreementStatus.Draft, 1ul), (created.Grantee, created.Status, created.Version));
        Assert.Equal(Tlp.Green, created.Rules.MaxTlp);
        Assert.Equal([RedactableField.ReportingOrganisation, RedactableField.InternalNotes], created.Rules.Redactions);
        Assert.Equal(TimeSpan.FromHours(1), created.Rules.Embargo.ToTimeSpan());
        Assert.DoesNotContain(IndicatorType.Email, created.Rules.IndicatorTypes);
        Assert.False(created.Rules.MayReshare);
        Assert.StartsWith("test-admin (admin)", created.ChangedBy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTemplate_AllyBaseline_AllTypesAmberAndHopLimitTwo()
    {
        var rules = await _host.Analyst.GetTemplateAsync(new GetTemplateRequest { Tier = Tier.Ally });

        Assert.Equal(Tlp.Amber, rules.MaxTlp);
        Assert.Equal(11, rules.IndicatorTypes.Count);
        Assert.Equal(8, rules.Sectors.Count);
        Assert.Equal((true, 2u), (rules.MayReshare, rules.HopLimit));
    }

    [Fact]
    public async Task Lifecycle_ActivateSuspendActivateRevoke_EachANewVersionAndRevokedIsFinal()
    {
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        var admin = _host.Admin;

        var active = await admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 });
        var suspended = await admin.SuspendAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 2, Reason = "review" });
        var again = await admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 3 });
        var revoked = await admin.RevokeAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 4 });

        Assert.Equal(
            [(AgreementStatus.Active, 2ul), (AgreementStatus.Suspended, 3ul), (AgreementStatus.Active, 4ul), (AgreementStatus.Revoked, 5ul)],
            new[] { active, suspended, again, revoked }.Select(a => (a.Status, a.Version)));
        var refused = await Assert.ThrowsAsync<RpcException>(() => admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 5 }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var history = await admin.GetAgreementHistoryAsync(new GetAgreementHistoryRequest { Id = "JPN-2026-01" });
        Assert.Equal([1ul, 2ul, 3ul, 4ul, 5ul], history.Versions.Select(v => v.Version));
    }

    [Fact]
    public async Task UpdateAgreement_StaleExpectedVersion_FailedPreconditionAndNothingWritten()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        var changed = TestData.Agreement(rules: TestData.Rules(Tlp.Clear));
        await _host.Admin.UpdateAgreementAsync(new UpdateAgreementRequest { Agreement = changed, ExpectedVersion = 1 });

        var stale = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.UpdateAgreementAsync(new UpdateAgreementRequest { Agreement = changed, ExpectedVersion = 1 }).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        var latest = await _host.Admin.GetAgreementAsync(new GetAgreementRequest { Id = "JPN-2026-01" });
        Assert.Equal((2ul, Tlp.Clear), (latest.Version, latest.Rules.MaxTlp));
    }

    [Fact]
    public async Task ActivateAgreement_GranteeNotAPeerOrOfAnotherTier_InvalidArgumentNamingTheField()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });
        var transition = new AgreementTransitionRequest { Id = "JPN-2026-01", ExpectedVersion = 1 };

        var unknown = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.ActivateAgreementAsync(transition).ResponseAsync);
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer(tier: Tier.Ally) });
        var otherTier = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.ActivateAgreementAsync(transition).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, unknown.StatusCode);
        Assert.StartsWith("agreement.grantee:", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.StartsWith("agreement.tier:", otherTier.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAgreement_PastValidUntil_ReportedExpired()
    {
        await _host.Admin.AddPeerAsync(new AddPeerRequest { Peer = TestData.Peer() });
        var agreement = TestData.Agreement();
        agreement.ValidUntil = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(2));
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = agreement });
        await _host.Admin.ActivateAgreementAsync(new AgreementTransitionRequest { Id = agreement.Id, ExpectedVersion = 1 });

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal(AgreementStatus.Expired, (await _host.Analyst.GetAgreementAsync(new GetAgreementRequest { Id = agreement.Id })).Status);
        var listed = await _host.Analyst.ListAgreementsAsync(new ListAgreementsRequest { Status = AgreementStatus.Expired });
        Assert.Equal([agreement.Id], listed.Agreements.Select(a => a.Id));
    }

    [Theory]
    [InlineData("max_tlp")]
    [InlineData("hop_limit")]
    [InlineData("min_confidence")]
    [InlineData("valid_until")]
    [InlineData("id")]
    [InlineData("grantee")]
    public async Task CreateAgreement_BadField_InvalidArgumentNamingIt(string field)
    {
        var agreement = TestData.Agreement();
        var expected = "agreement.rules." + field;
        switch (field)
        {
            case "max_tlp": agreement.Rules.MaxTlp = Tlp.Red; break;
            case "hop_limit": agreement.Rules.HopLimit = 1; break;
            case "min_confidence": agreement.Rules.MinConfidence = 101; break;
            case "valid_until": agreement.ValidUntil = agreement.ValidFrom; expected = "agreement.valid_until"; break;
            case "id": agreement.Id = "JPN 2026"; expected = "agreement.id"; break;
            default: agreement.Grantee = "Japan"; expected = "agreement.grantee"; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = agreement }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(expected + ":", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAgreement_ExistingId_AlreadyExists()
    {
        await _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() });

        var error = await Assert.ThrowsAsync<RpcException>(() => _host.Admin.CreateAgreementAsync(new CreateAgreementRequest { Agreement = TestData.Agreement() }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }
}
