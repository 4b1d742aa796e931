using System.Globalization;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;

namespace CyberPledge.Partners.Audit;

/// <summary>
/// Federation's link events as audit records (docs/partners.md, "Link audit"): one record per event, action
/// "link.rejections", "link.cut" or "link.enabled", subject "link:JPN", and the event itself as canonical JSON in
/// <c>after</c>. Rejections come in aggregate (one event per link per window, SECURITY.md rule 7), never one per version.
/// </summary>
internal static class LinkAudit
{
    /// <summary>The most events one RecordLinkEvents may carry.</summary>
    public const int MaxEvents = 1000;

    public const string RejectionsAction = "link.rejections";
    public const string CutAction = "link.cut";
    public const string EnabledAction = "link.enabled";

    private const int MaxReasons = 64;
    private const int MaxReasonNameLength = 64;
    private const int MaxTextLength = 256;

    public static List<AuditEntry> Entries(RecordLinkEventsRequest request, string caller)
    {
        if (request.Events.Count is 0 or > MaxEvents)
        {
            throw Refusals.InvalidArgument("events", string.Create(CultureInfo.InvariantCulture, $"1-{MaxEvents} events per request"));
        }

        var entries = new List<AuditEntry>(request.Events.Count);
        for (var i = 0; i < request.Events.Count; i++)
        {
            var e = Normalize(request.Events[i], string.Create(CultureInfo.InvariantCulture, $"events[{i}]"));
            // An enable is an administrator's act: the record names them, and the service that vouches for them.
            var actor = e.Actor.Length > 0 ? $"{e.Actor} via {caller}" : caller;
            entries.Add(new AuditEntry(e.At.ToDateTimeOffset(), actor, Action(e.Kind), "link:" + e.Nation, "", "", CanonicalJson.Of(e)));
        }

        return entries;
    }

    private static string Action(LinkEventKind kind) => kind switch
    {
        LinkEventKind.Rejections => RejectionsAction,
        LinkEventKind.Cut => CutAction,
        _ => EnabledAction,
    };

    private static LinkEvent Normalize(LinkEvent given, string field)
    {
        var e = given.Clone();
        if (e.Kind is not (LinkEventKind.Rejections or LinkEventKind.Cut or LinkEventKind.Enabled))
        {
            throw Refusals.InvalidArgument(field + ".kind", "LINK_EVENT_KIND_REJECTIONS, _CUT or _ENABLED");
        }

        e.Nation = PeerValidator.Nation(field + ".nation", e.Nation);
        Time(field + ".at", e.At, required: true);
        Time(field + ".window_start", e.WindowStart, required: false);
        if (e.Kind == LinkEventKind.Rejections && e.Rejections.Count == 0)
        {
            throw Refusals.InvalidArgument(field + ".rejections", "required for LINK_EVENT_KIND_REJECTIONS");
        }

        if (e.Rejections.Count > MaxReasons)
        {
            throw Refusals.InvalidArgument(field + ".rejections", string.Create(CultureInfo.InvariantCulture, $"at most {MaxReasons} reasons"));
        }

        for (var i = 0; i < e.Rejections.Count; i++)
        {
            Text(string.Create(CultureInfo.InvariantCulture, $"{field}.rejections[{i}].reason"), e.Rejections[i].Reason, MaxReasonNameLength, required: true);
        }

        Text(field + ".reason", e.Reason, MaxTextLength, required: false);
        Text(field + ".actor", e.Actor, MaxTextLength, required: e.Kind == LinkEventKind.Enabled);
        return e;
    }

    private static void Time(string field, Google.Protobuf.WellKnownTypes.Timestamp? at, bool required)
    {
        if (at is null ? required : at.Seconds is < -62135596800 or > 253402300799)
        {
            throw Refusals.InvalidArgument(field, "required: a valid time");
        }
    }

    private static void Text(string field, string text, int maxLength, bool required) => ShareAudit.Text(field, text, maxLength, required);
}
