using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Federation.Grpc;

/// <summary>The TAXII collections this node serves (Taxii/TaxiiCollections), for this nation's staff.</summary>
internal sealed partial class FederationGrpcService
{
    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override async Task<ListTaxiiCollectionsResponse> ListTaxiiCollections(ListTaxiiCollectionsRequest request, ServerCallContext context) =>
        new() { Collections = { await taxiiCollections.ListAllAsync(context.CancellationToken) } };
}
