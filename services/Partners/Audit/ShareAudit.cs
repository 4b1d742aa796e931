using System.Globalization;
using CyberPledge.Partners.Agreements;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;

namespace CyberPledge.Partners.Audit;

/// <summary>
/// Federation's share decisions as audit records (docs/partners.md, "Share audit"): one record per decision, action
/// "share.sent", "share.withheld" or "share.withdrawn", subject the agreement ("agreement:JPN-2026-01"), grantee the nation, and the
/// decision itself as canonical JSON in <c>after</c>. A request is bounded, so one append stays one bounded write.
/// </summary>
internal static class ShareAudit
{
    /// <summary>The most decisions one RecordShareDecisions may carry.</summary>
    public const int MaxDecisions = 10_000;

    public const string SentAction = "share.sent";
    public const string WithheldAction = "share.withheld";
    public const string WithdrawnAction = "share.withdrawn";

    private const int MaxTextLength = 256;
    private const int MaxIndicatorIdLength = 64;

    public static List<AuditEntry> Entries(RecordShareDecisionsRequest request, string actor)
    {
        if (request.Decisions.Count is 0 or > MaxDecisions)
        {
            throw Refusals.InvalidArgument("decisions", string.Create(CultureInfo.InvariantCulture, $"1-{MaxDecisions} decisions per request"));
        }

        var entries = new List<AuditEntry>(request.Decisions.Count);
        for (var i = 0; i < request.Decisions.Count; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"decisions[{i}]");
            var decision = Normalize(request.Decisions[i], field);
            entries.Add(new AuditEntry(
                decision.At.ToDateTimeOffset(),
                actor,
                decision.Outcome switch { ShareOutcome.Sent => SentAction, ShareOutcome.Withdrawn => WithdrawnAction, _ => WithheldAction },
                decision.AgreementId.Length > 0 ? "agreement:" + decision.AgreementId : "",
                decision.Grantee,
                "",
                CanonicalJson.Of(decision)));
        }

        return entries;
    }

    private static ShareDecision Normalize(ShareDecision given, string field)
    {
        var decision = given.Clone();
        if (decision.Origin is null || decision.Origin.NodeId.Length == 0)
        {
            throw Refusals.InvalidArgument(field + ".origin", "required: nation and node id");
        }

        decision.Origin.Nation = PeerValidator.Nation(field + ".origin.nation", decision.Origin.Nation);
        Text(field + ".origin.node_id", decision.Origin.NodeId, 63, required: true);
        Text(field + ".indicator_id", decision.IndicatorId, MaxIndicatorIdLength, required: true);
        if (decision.Version == 0)
        {
            throw Refusals.InvalidArgument(field + ".version", "versions start at 1");
        }

        decision.Grantee = PeerValidator.Nation(field + ".grantee", decision.Grantee);
        if (decision.AgreementId.Length > 0)
        {
            AgreementValidator.Id(field + ".agreement_id", decision.AgreementId);
        }

        if (decision.Outcome is not (ShareOutcome.Sent or ShareOutcome.Withheld or ShareOutcome.Withdrawn))
        {
            throw Refusals.InvalidArgument(field + ".outcome", "SHARE_OUTCOME_SENT, SHARE_OUTCOME_WITHHELD or SHARE_OUTCOME_WITHDRAWN");
        }

        Text(field + ".rule", decision.Rule, MaxTextLength, required: false);
        Text(field + ".reason", decision.Reason, MaxTextLength, required: false);
        if (decision.At is null || decision.At.Seconds is < -62135596800 or > 253402300799)
        {
            throw Refusals.InvalidArgument(field + ".at", "required: a valid time");
        }

        return decision;
    }

    /// <summary>Text from elsewhere (SECURITY.md rule 9): bounded, no control or bidirectional control characters.</summary>
    internal static void Text(string field, string text, int maxLength, bool required)
    {
        if (required && text.Length == 0)
        {
            throw Refusals.InvalidArgument(field, "required");
        }

        if (text.Length > maxLength)
        {
            throw Refusals.InvalidArgument(field, string.Create(CultureInfo.InvariantCulture, $"longer than {maxLength} characters"));
        }

        if (text.Any(c => char.IsControl(c) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))
        {
            throw Refusals.InvalidArgument(field, "control or bidirectional control characters");
        }
    }
}
