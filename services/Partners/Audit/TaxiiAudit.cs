using System.Globalization;
using CyberPledge.Partners.Grpc;
using CyberPledge.V1;

namespace CyberPledge.Partners.Audit;

/// <summary>
/// Federation's TAXII events as audit records (docs/partners.md, "TAXII audit"): one record per event, action
/// "taxii.source.added", "taxii.source.removed" or "taxii.objects.posted", subject "taxii-source:&lt;name&gt;" or
/// "taxii-status:&lt;id&gt;", the person named in the actor through the calling service, and the event itself as
/// canonical JSON in <c>after</c>.
/// </summary>
internal static class TaxiiAudit
{
    /// <summary>The most events one RecordTaxiiEvents may carry.</summary>
    public const int MaxEvents = 100;

    public const string SourceAddedAction = "taxii.source.added";
    public const string SourceRemovedAction = "taxii.source.removed";
    public const string ObjectsPostedAction = "taxii.objects.posted";

    private const int MaxActorLength = 256;
    private const int MaxNameLength = 64;
    private const int MaxTargetLength = 2048;

    public static List<AuditEntry> Entries(RecordTaxiiEventsRequest request, string caller)
    {
        if (request.Events.Count is 0 or > MaxEvents)
        {
            throw Refusals.InvalidArgument("events", string.Create(CultureInfo.InvariantCulture, $"1-{MaxEvents} events per request"));
        }

        var entries = new List<AuditEntry>(request.Events.Count);
        for (var i = 0; i < request.Events.Count; i++)
        {
            var e = Check(request.Events[i], string.Create(CultureInfo.InvariantCulture, $"events[{i}]"));
            var subject = (e.Kind == TaxiiEventKind.ObjectsPosted ? "taxii-status:" : "taxii-source:") + e.Name;
            entries.Add(new AuditEntry(e.At.ToDateTimeOffset(), $"{e.Actor} via {caller}", Action(e.Kind), subject, "", "", CanonicalJson.Of(e)));
        }

        return entries;
    }

    private static string Action(TaxiiEventKind kind) => kind switch
    {
        TaxiiEventKind.SourceAdded => SourceAddedAction,
        TaxiiEventKind.SourceRemoved => SourceRemovedAction,
        _ => ObjectsPostedAction,
    };

    private static TaxiiEvent Check(TaxiiEvent e, string field)
    {
        if (e.Kind is not (TaxiiEventKind.SourceAdded or TaxiiEventKind.SourceRemoved or TaxiiEventKind.ObjectsPosted))
        {
            throw Refusals.InvalidArgument(field + ".kind", "TAXII_EVENT_KIND_SOURCE_ADDED, _SOURCE_REMOVED or _OBJECTS_POSTED");
        }

        if (e.At is null || e.At.Seconds is < -62135596800 or > 253402300799)
        {
            throw Refusals.InvalidArgument(field + ".at", "required: a valid time");
        }

        ShareAudit.Text(field + ".actor", e.Actor, MaxActorLength, required: true);
        if (e.Name.Length is 0 or > MaxNameLength || !e.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw Refusals.InvalidArgument(field + ".name", string.Create(CultureInfo.InvariantCulture, $"required: letters, digits, '.', '_' and '-', up to {MaxNameLength}"));
        }

        ShareAudit.Text(field + ".target", e.Target, MaxTargetLength, required: e.Kind != TaxiiEventKind.SourceRemoved);
        if (e.Kind == TaxiiEventKind.ObjectsPosted && e.Objects == 0)
        {
            throw Refusals.InvalidArgument(field + ".objects", "required for TAXII_EVENT_KIND_OBJECTS_POSTED: at least 1");
        }

        return e;
    }
}
