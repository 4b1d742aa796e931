using CyberPledge.Federation.Links.Audit;
using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Federation.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Links;

/// <summary>What every inbound link uses, shared by the workers the supervisor starts.</summary>
internal sealed class LinkServices(
    PeerDirectory registry,
    NodeSelf self,
    InboundChecks checks,
    IForeignVersionApplier applier,
    LinkWithdrawals withdrawals,
    IFederationStore store,
    LinkBoard board,
    LinkChannels channels,
    OriginQuotas originQuotas,
    LinkAudit audit,
    IOptions<InboundLinkOptions> options,
    TimeProvider time,
    ILogger<LinkWorker> logger)
{
    public PeerDirectory Registry => registry;

    public NodeSelf Self => self;

    public InboundChecks Checks => checks;

    public IForeignVersionApplier Applier => applier;

    public LinkWithdrawals Withdrawals => withdrawals;

    public IFederationStore Store => store;

    public LinkBoard Board => board;

    public LinkChannels Channels => channels;

    public OriginQuotas OriginQuotas => originQuotas;

    public LinkAudit Audit => audit;

    public InboundLinkOptions Options => options.Value;

    public TimeProvider Time => time;

    public ILogger Logger => logger;

    /// <summary>
    /// The origins this node receives directly (Decision 6): the registry's peers with a gateway, and this nation,
    /// whose own versions must not come back.
    /// </summary>
    public IEnumerable<string> DirectOrigins() =>
        registry.Peers.Values.Where(p => p.Endpoint.Length > 0).Select(p => p.Nation).Append(self.Nation).Distinct(StringComparer.Ordinal);
}
