using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Indicators.Grpc;

/// <summary>The gRPC surface: each method forwards to <see cref="IndicatorLedger"/>.</summary>
internal sealed class IndicatorsGrpcService(IndicatorLedger ledger) : V1.Indicators.IndicatorsBase
{
    public override Task<SubmitResponse> Submit(SubmitRequest request, ServerCallContext context) =>
        ledger.SubmitAsync(request, context.CancellationToken);

    public override Task<Indicator> Get(GetRequest request, ServerCallContext context) =>
        ledger.GetAsync(request, context.CancellationToken);

    public override Task<QueryResponse> Query(QueryRequest request, ServerCallContext context) =>
        ledger.QueryAsync(request, context.CancellationToken);

    public override Task<Indicator> Revoke(RevokeRequest request, ServerCallContext context) =>
        ledger.RevokeAsync(request, context.CancellationToken);

    public override async Task Watch(WatchRequest request, IServerStreamWriter<ChangeEvent> responseStream, ServerCallContext context)
    {
        await foreach (var change in ledger.WatchAsync(request, context.CancellationToken))
        {
            await responseStream.WriteAsync(change);
        }
    }

    public override Task<NodeIdentity> GetNodeIdentity(GetNodeIdentityRequest request, ServerCallContext context) =>
        Task.FromResult(ledger.Identity);

    public override Task<VerifySignatureResponse> VerifySignature(VerifySignatureRequest request, ServerCallContext context) =>
        Task.FromResult(ledger.VerifySignature(request));

    /// <summary>Federation only: analysts and anonymous callers are refused by the authorization policy.</summary>
    [Authorize(Policy = IndicatorsAuthorization.FederationPolicy)]
    public override Task<ApplyForeignVersionResponse> ApplyForeignVersion(ApplyForeignVersionRequest request, ServerCallContext context) =>
        ledger.ApplyForeignVersionAsync(request, context.CancellationToken);
}
