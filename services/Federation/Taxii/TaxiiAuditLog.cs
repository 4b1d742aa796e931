using CyberPledge.Federation.Node;
using CyberPledge.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace CyberPledge.Federation.Taxii;

/// <summary>
/// What the TAXII side does for a person, in Partners' audit log (RecordTaxiiEvents as service:federation): a connector
/// source added or removed, objects posted for import. Recorded before the act takes effect, or the act is undone: an act
/// the log could not record fails with <see cref="TaxiiAuditUnavailableException"/> and changes nothing.
/// </summary>
internal sealed class TaxiiAuditLog(ITaxiiAuditSink sink, TimeProvider time)
{
    public Task SourceAddedAsync(string actor, string name, string collectionUrl, CancellationToken cancellationToken) =>
        RecordAsync(new TaxiiEvent { Kind = TaxiiEventKind.SourceAdded, Actor = actor, Name = name, Target = collectionUrl }, cancellationToken);

    public Task SourceRemovedAsync(string actor, string name, CancellationToken cancellationToken) =>
        RecordAsync(new TaxiiEvent { Kind = TaxiiEventKind.SourceRemoved, Actor = actor, Name = name }, cancellationToken);

    public Task ObjectsPostedAsync(string actor, string statusId, string collectionId, int objects, CancellationToken cancellationToken) =>
        RecordAsync(new TaxiiEvent { Kind = TaxiiEventKind.ObjectsPosted, Actor = actor, Name = statusId, Target = collectionId, Objects = checked((uint)objects) }, cancellationToken);

    private async Task RecordAsync(TaxiiEvent e, CancellationToken cancellationToken)
    {
        e.At = Timestamp.FromDateTimeOffset(time.GetUtcNow());
        try
        {
            await sink.WriteAsync(e, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException error) when (error.StatusCode != StatusCode.Cancelled || !cancellationToken.IsCancellationRequested)
        {
            throw new TaxiiAuditUnavailableException(error);
        }
    }
}

/// <summary>Where TAXII events go: Partners' audit log. Behind an interface so the connector is tested without Partners.</summary>
internal interface ITaxiiAuditSink
{
    /// <summary>Records <paramref name="e"/> durably; throws an <see cref="RpcException"/> when it could not.</summary>
    Task WriteAsync(TaxiiEvent e, CancellationToken cancellationToken);
}

/// <summary>RecordTaxiiEvents as service:federation.</summary>
internal sealed class PartnersTaxiiAuditSink(NodeServices services) : ITaxiiAuditSink
{
    public async Task WriteAsync(TaxiiEvent e, CancellationToken cancellationToken) =>
        await services.Partners.RecordTaxiiEventsAsync(new RecordTaxiiEventsRequest { Events = { e } }, cancellationToken: cancellationToken).ResponseAsync.ConfigureAwait(false);
}

/// <summary>Partners' audit log did not record a TAXII event: the act it was for did not happen.</summary>
internal sealed class TaxiiAuditUnavailableException(RpcException inner)
    : Exception("the audit log could not record this, so nothing was changed: " + inner.Status.Detail, inner)
{
    /// <summary>As a gRPC status: UNAVAILABLE, so a caller may try again.</summary>
    public RpcException ToRpc() => new(new Status(StatusCode.Unavailable, Message));
}
