using CyberPledge.Federation.Links;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Serving;
using CyberPledge.Federation.Taxii;
using CyberPledge.Federation.Taxii.Connector;
using CyberPledge.ServiceDefaults.Identity;
using CyberPledge.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.Federation.Grpc;

/// <summary>
/// The gRPC surface (protos/cyberpledge/v1/federation.proto), with each method's allow-list (SECURITY.md rule 1):
/// peers and partners subscribe and say hello; this nation's staff read the links; its administrators enable a cut one.
/// </summary>
internal sealed partial class FederationGrpcService(NodeSelf self, FeedServer feeds, LinkBoard links, LinkSupervisor supervisor, TaxiiSources taxiiSources,
    TaxiiCollections taxiiCollections)
    : V1.Federation.FederationBase
{
    /// <summary>The protocol version this node speaks.</summary>
    public const uint ProtocolVersion = 1;

    /// <summary>What this node sends and understands.</summary>
    public static readonly string[] Capabilities = ["indicators", "encoding-v2", "relay-path", "checkpoints", "withdrawals"];

    [Authorize(Policy = CallerPolicies.NodeOrPartner)]
    public override Task<HelloResponse> Hello(HelloRequest request, ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        return Task.FromResult(new HelloResponse
        {
            Node = self.Identity.Origin,
            ProtocolVersion = ProtocolVersion,
            Capabilities = { Capabilities },
            Caller = caller.Roles.FirstOrDefault(r => r.StartsWith(Roles.NodePrefix, StringComparison.Ordinal) || r.StartsWith(Roles.PartnerPrefix, StringComparison.Ordinal)) ?? "",
        });
    }

    [Authorize(Policy = CallerPolicies.NodeOrPartner)]
    public override Task Subscribe(SubscribeRequest request, IServerStreamWriter<FeedRecord> responseStream, ServerCallContext context) =>
        feeds.ServeAsync(request, responseStream, context);

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<ListLinksResponse> ListLinks(ListLinksRequest request, ServerCallContext context) =>
        Task.FromResult(new ListLinksResponse { Links = { links.All() } });

    [Authorize(Policy = CallerPolicies.NationStaff)]
    public override Task<LinkStatus> GetLink(GetLinkRequest request, ServerCallContext context)
    {
        var nation = ServiceDefaults.NationCodes.TryNormalize(request.Nation, out var normalized) ? normalized : request.Nation;
        return links.Get(nation, request.Direction) is { } status
            ? Task.FromResult(status)
            : throw new RpcException(new Status(StatusCode.NotFound, $"no {request.Direction} link with {request.Nation}"));
    }

    [Authorize(Policy = CallerPolicies.Admin)]
    public override async Task<LinkStatus> EnableLink(EnableLinkRequest request, ServerCallContext context)
    {
        if (!ServiceDefaults.NationCodes.TryNormalize(request.Nation, out var nation))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "nation: an ISO 3166-1 alpha-3 code"));
        }

        return await supervisor.EnableAsync(nation, Actor(context), context.CancellationToken)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"no inbound link with {nation}"));
    }

    /// <summary>The caller as this service authenticated them, for the audit ("alice (admin)").</summary>
    private static string Actor(ServerCallContext context)
    {
        var caller = context.GetCallerIdentity();
        return $"{caller.Subject ?? "unknown"} ({string.Join(", ", caller.Roles)})";
    }
}
