using CyberPledge.V1;

namespace CyberPledge.Federation.Links.Audit;

/// <summary>Where link events go: Partners' audit log (RecordLinkEvents). Behind an interface so links are tested without Partners.</summary>
internal interface ILinkAuditSink
{
    /// <summary>Records <paramref name="events"/> durably, in order; throws when it could not (they are retried).</summary>
    Task WriteAsync(IReadOnlyList<LinkEvent> events, CancellationToken cancellationToken);
}
