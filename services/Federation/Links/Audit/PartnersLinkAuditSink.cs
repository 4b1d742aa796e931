using CyberPledge.Federation.Node;
using CyberPledge.V1;

namespace CyberPledge.Federation.Links.Audit;

/// <summary>RecordLinkEvents as service:federation, up to <see cref="MaxPerCall"/> events per call.</summary>
internal sealed class PartnersLinkAuditSink(NodeServices services) : ILinkAuditSink
{
    /// <summary>Partners' bound for one call.</summary>
    public const int MaxPerCall = 1000;

    public async Task WriteAsync(IReadOnlyList<LinkEvent> events, CancellationToken cancellationToken)
    {
        // A batch cut in two by a failure is retried whole: the part already recorded is recorded twice, never lost.
        foreach (var chunk in events.Chunk(MaxPerCall))
        {
            var request = new RecordLinkEventsRequest { Events = { chunk } };
            await services.Partners.RecordLinkEventsAsync(request, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
        }
    }
}
