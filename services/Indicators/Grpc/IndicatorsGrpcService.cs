using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Indicators.Grpc;

/// <summary>
/// The gRPC surface: each method forwards to <see cref="IndicatorLedger"/> and turns its refusals into statuses
/// (<see cref="GrpcErrors"/>). Who may call what (SECURITY.md rule 1):
/// the indicator methods are this nation's analysts' and administrators' and the node's own services'; the node's
/// identity and signature checks any authenticated caller's; ApplyForeignVersion(s), Import, SignWithdrawal and WithdrawForeignCopy the
/// node's Federation service's only; ReviewWarning and PromoteImported this nation's analysts' and administrators'.
/// </summary>
internal sealed class IndicatorsGrpcService(IndicatorLedger ledger) : V1.Indicators.IndicatorsBase
{
    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.SubmitAsync(request, context.CancellationToken));

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<Indicator> Get(GetRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.GetAsync(request, context.CancellationToken));

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.QueryAsync(request, context.CancellationToken));

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override Task<Indicator> Revoke(RevokeRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.RevokeAsync(request, context.CancellationToken));

    [Authorize(Policy = CallerPolicies.NationStaffOrService)]
    public override async Task Watch(WatchRequest request, IServerStreamWriter<ChangeEvent> responseStream, ServerCallContext context)
    {
        try
        {
            await foreach (var change in ledger.WatchAsync(request, context.CancellationToken))
            {
                await responseStream.WriteAsync(change);
            }
        }
        catch (IndicatorException e)
        {
            throw GrpcErrors.ToRpcException(e);
        }
    }

    // No attribute: the fallback policy admits any authenticated caller.
    public override Task<NodeIdentity> GetNodeIdentity(GetNodeIdentityRequest request, ServerCallContext context) =>
        Task.FromResult(ledger.CurrentIdentity());

    public override Task<VerifySignatureResponse> VerifySignature(VerifySignatureRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcErrors.Map(() => ledger.VerifySignature(request)));

    /// <summary>The node's own Federation service only (DESIGN.md Decision 2): a peer's node: role never reaches it.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<ApplyForeignVersionResponse> ApplyForeignVersion(ApplyForeignVersionRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.ApplyForeignVersionAsync(request, context.CancellationToken));

    /// <summary>This nation's people only (SECURITY.md rule 4: "until an analyst confirms it"), never a service.</summary>
    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<Indicator> ReviewWarning(ReviewWarningRequest request, ServerCallContext context)
    {
        var reviewer = Auditor(context);
        return GrpcErrors.MapAsync(() => ledger.ReviewWarningAsync(request, reviewer, context.CancellationToken));
    }

    /// <summary>Who the audit names for a person's call: "alice (analyst)".</summary>
    private static string Auditor(ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        return $"{caller.Subject ?? "unknown"} ({string.Join(", ", caller.Roles)})";
    }

    /// <summary>The node's own Federation service only (its TAXII POST and connectors): imported STIX data, SECURITY.md rule 2.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<ImportResponse> Import(ImportRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.ImportAsync(request, context.CancellationToken));

    /// <summary>This nation's people only, as <see cref="ReviewWarning"/>: an analyst vouches for imported data.</summary>
    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<Indicator> PromoteImported(PromoteImportedRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.PromoteImportedAsync(request, Auditor(context), context.CancellationToken));

    /// <summary>As <see cref="ApplyForeignVersion"/>, a batch in one commit.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<ApplyForeignVersionsResponse> ApplyForeignVersions(ApplyForeignVersionsRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.ApplyForeignVersionsAsync(request, context.CancellationToken));

    /// <summary>The node's own Federation service only: a withdrawal signed in this node's name (SECURITY.md rule 6).</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<Withdrawal> SignWithdrawal(SignWithdrawalRequest request, ServerCallContext context) =>
        Task.FromResult(GrpcErrors.Map(() => ledger.SignWithdrawal(request)));

    /// <summary>The node's own Federation service only: a link's verified withdrawal of the copy it provided.</summary>
    [Authorize(Policy = CallerPolicies.FederationService)]
    public override Task<WithdrawForeignCopyResponse> WithdrawForeignCopy(WithdrawForeignCopyRequest request, ServerCallContext context) =>
        GrpcErrors.MapAsync(() => ledger.WithdrawForeignCopyAsync(request, context.CancellationToken));
}
