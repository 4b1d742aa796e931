using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Federation.Grpc;

/// <summary>The TAXII connector's sources (Taxii/Connector): added and removed by administrators, read by this nation's staff.</summary>
internal sealed partial class FederationGrpcService
{
    [Authorize(Policy = CallerPolicies.Admin)]
    public override Task<TaxiiSource> AddTaxiiSource(AddTaxiiSourceRequest request, ServerCallContext context) =>
        taxiiSources.AddAsync(request, Actor(context), context.CancellationToken);

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<ListTaxiiSourcesResponse> ListTaxiiSources(ListTaxiiSourcesRequest request, ServerCallContext context) =>
        taxiiSources.ListAsync(context.CancellationToken);

    [Authorize(Policy = CallerPolicies.Admin)]
    public override async Task<RemoveTaxiiSourceResponse> RemoveTaxiiSource(RemoveTaxiiSourceRequest request, ServerCallContext context)
    {
        await taxiiSources.RemoveAsync(request.Name, Actor(context), context.CancellationToken);
        return new RemoveTaxiiSourceResponse();
    }

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<ListTaxiiImportFailuresResponse> ListTaxiiImportFailures(ListTaxiiImportFailuresRequest request, ServerCallContext context) =>
        taxiiSources.FailuresAsync(request, context.CancellationToken);
}
