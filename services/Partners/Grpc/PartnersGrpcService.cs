using CyberPledge.Partners.Agreements;
using CyberPledge.Partners.Audit;
using CyberPledge.Partners.Peers;
using CyberPledge.Partners.Preview;
using CyberPledge.Partners.Taxii;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Partners.Grpc;

/// <summary>
/// The gRPC surface, thin over the registry, the agreement book, Preview and the audit log. Who may call what
/// (SECURITY.md rule 1): <c>admin</c> changes peers and agreements; <c>admin</c>, <c>analyst</c> and the node's
/// services read; a <c>partner:</c> reads its own agreements only; Preview, Explain and the audit log are this
/// nation's people's; TAXII credentials are the admin's, and checking one is the gateway's alone.
/// </summary>
internal sealed class PartnersGrpcService(
    PeerRegistry peers,
    PeerWatch peerWatch,
    AgreementBook agreements,
    AgreementWatch watch,
    PreviewRunner preview,
    Explainer explainer,
    TaxiiCredentialBook taxiiCredentials,
    IPartnerStore store)
    : V1.Partners.PartnersBase
{
    private const uint DefaultAuditLimit = 100;
    private const uint MaxAuditLimit = 1000;

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<Peer> AddPeer(AddPeerRequest request, ServerCallContext context) =>
        peers.AddAsync(request.Peer, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<Peer> UpdatePeer(UpdatePeerRequest request, ServerCallContext context) =>
        peers.UpdateAsync(request.Peer, request.ExpectedVersion, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override async Task<RemovePeerResponse> RemovePeer(RemovePeerRequest request, ServerCallContext context)
    {
        await peers.RemoveAsync(request.Nation, Callers.Actor(context), context.CancellationToken);
        return new RemovePeerResponse();
    }

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<Peer> GetPeer(GetPeerRequest request, ServerCallContext context) =>
        peers.GetAsync(request.Nation, context.CancellationToken);

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override async Task<ListPeersResponse> ListPeers(ListPeersRequest request, ServerCallContext context) =>
        new() { Peers = { await peers.ListAsync(context.CancellationToken) } };

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override async Task WatchPeers(WatchPeersRequest request, IServerStreamWriter<PeerRegistrySnapshot> responseStream, ServerCallContext context)
    {
        await foreach (var snapshot in peerWatch.WatchAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(snapshot);
        }
    }

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SharingAgreement> CreateAgreement(CreateAgreementRequest request, ServerCallContext context) =>
        agreements.CreateAsync(request, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SharingAgreement> UpdateAgreement(UpdateAgreementRequest request, ServerCallContext context) =>
        agreements.UpdateAsync(request, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SharingAgreement> ActivateAgreement(AgreementTransitionRequest request, ServerCallContext context) =>
        agreements.TransitionAsync(request, AgreementStatus.Active, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SharingAgreement> SuspendAgreement(AgreementTransitionRequest request, ServerCallContext context) =>
        agreements.TransitionAsync(request, AgreementStatus.Suspended, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<SharingAgreement> RevokeAgreement(AgreementTransitionRequest request, ServerCallContext context) =>
        agreements.TransitionAsync(request, AgreementStatus.Revoked, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = PartnersPolicies.AgreementReaders)]
    public override Task<SharingAgreement> GetAgreement(GetAgreementRequest request, ServerCallContext context) =>
        agreements.GetAsync(request, Callers.Scope(context), context.CancellationToken);

    [Authorize(Policy = PartnersPolicies.AgreementReaders)]
    public override async Task<ListAgreementsResponse> ListAgreements(ListAgreementsRequest request, ServerCallContext context) =>
        new() { Agreements = { await agreements.ListAsync(request, Callers.Scope(context), context.CancellationToken) } };

    [Authorize(Policy = PartnersPolicies.AgreementReaders)]
    public override async Task<GetAgreementHistoryResponse> GetAgreementHistory(GetAgreementHistoryRequest request, ServerCallContext context) =>
        new() { Versions = { await agreements.HistoryAsync(request.Id, Callers.Scope(context), context.CancellationToken) } };

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override async Task WatchAgreements(WatchAgreementsRequest request, IServerStreamWriter<AgreementChange> responseStream, ServerCallContext context)
    {
        await foreach (var change in watch.WatchAsync(context.CancellationToken))
        {
            await responseStream.WriteAsync(change);
        }
    }

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<AgreementRules> GetTemplate(GetTemplateRequest request, ServerCallContext context) =>
        Task.FromResult(AgreementTemplates.Rules(request.Template, request.Tier));

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<PreviewResponse> Preview(PreviewRequest request, ServerCallContext context) =>
        preview.PreviewAsync(request, context.CancellationToken);

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<ExplainResponse> Explain(ExplainRequest request, ServerCallContext context) =>
        explainer.ExplainAsync(request, context.CancellationToken);

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override async Task<ListAuditResponse> ListAudit(ListAuditRequest request, ServerCallContext context)
    {
        var limit = request.Limit == 0 ? DefaultAuditLimit : Math.Min(request.Limit, MaxAuditLimit);
        var grantee = request.Grantee.Length > 0 ? PeerValidator.Nation("grantee", request.Grantee) : "";
        var query = new AuditQuery(grantee, request.Subject, request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), request.AfterSequence, (int)limit)
        {
            Action = request.Action,
        };
        var records = await store.ListAuditAsync(query, context.CancellationToken);
        return new ListAuditResponse
        {
            Records = { records },
            NextAfterSequence = records.Count == (int)limit ? records[^1].Sequence : 0,
        };
    }

    /// <summary>The node's own Federation service only: its share decisions, appended in one write.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override async Task<RecordShareDecisionsResponse> RecordShareDecisions(RecordShareDecisionsRequest request, ServerCallContext context)
    {
        var records = await store.AppendAuditAsync(ShareAudit.Entries(request, Callers.Actor(context)), context.CancellationToken);
        return new RecordShareDecisionsResponse { FirstSequence = records[0].Sequence, LastSequence = records[^1].Sequence };
    }

    /// <summary>The node's own Federation service only: its link events (rejections in aggregate, cuts, enables), appended in one write.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override async Task<RecordLinkEventsResponse> RecordLinkEvents(RecordLinkEventsRequest request, ServerCallContext context)
    {
        var records = await store.AppendAuditAsync(LinkAudit.Entries(request, Callers.Actor(context)), context.CancellationToken);
        return new RecordLinkEventsResponse { FirstSequence = records[0].Sequence, LastSequence = records[^1].Sequence };
    }

    /// <summary>The node's own Federation service only: its TAXII events (sources added and removed, objects posted), appended in one write.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override async Task<RecordTaxiiEventsResponse> RecordTaxiiEvents(RecordTaxiiEventsRequest request, ServerCallContext context)
    {
        var records = await store.AppendAuditAsync(TaxiiAudit.Entries(request, Callers.Actor(context)), context.CancellationToken);
        return new RecordTaxiiEventsResponse { FirstSequence = records[0].Sequence, LastSequence = records[^1].Sequence };
    }

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context) =>
        AuditVerifier.VerifyAsync(store, context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<IssueTaxiiCredentialResponse> IssueTaxiiCredential(IssueTaxiiCredentialRequest request, ServerCallContext context) =>
        taxiiCredentials.IssueAsync(request, Callers.Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override async Task<ListTaxiiCredentialsResponse> ListTaxiiCredentials(ListTaxiiCredentialsRequest request, ServerCallContext context) =>
        new() { Credentials = { await taxiiCredentials.ListAsync(context.CancellationToken) } };

    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<TaxiiCredential> RevokeTaxiiCredential(RevokeTaxiiCredentialRequest request, ServerCallContext context) =>
        taxiiCredentials.RevokeAsync(request.Username, Callers.Actor(context), context.CancellationToken);

    /// <summary>The node's gateway only: is this Basic credential valid, and whose is it.</summary>
    [Authorize(Policy = PartnersPolicies.GatewayService)]
    public override Task<VerifyTaxiiCredentialResponse> VerifyTaxiiCredential(VerifyTaxiiCredentialRequest request, ServerCallContext context) =>
        taxiiCredentials.VerifyAsync(request, context.CancellationToken);
}
