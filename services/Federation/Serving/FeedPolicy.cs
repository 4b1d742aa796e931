using CyberPledge.Federation.Node;
using CyberPledge.Federation.Registry;
using CyberPledge.Policy;
using CyberPledge.ServiceDefaults;
using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// Decides each event of this node's feed for one subscriber: the agreements in force (the policy engine, read anew
/// for every decision so a change applies at once), then the relay rules that depend on the stream. A quarantined
/// indicator (SECURITY.md rule 8) is withheld before anything else.
/// </summary>
internal sealed class FeedPolicy(AgreementDirectory agreements, NodeSelf self)
{
    /// <param name="change">The feed's event.</param>
    /// <param name="subscriber">Who it is decided for.</param>
    /// <param name="now">When.</param>
    /// <param name="granteeHolds">The subscriber holds an earlier version from this node: a revocation reaches it whatever the agreement now says.</param>
    public ServeDecision Decide(ChangeEvent change, Subscriber subscriber, DateTimeOffset now, bool granteeHolds = false)
    {
        var version = change.Indicator;
        if (version.Quarantine is { } quarantine)
        {
            return Withheld(RelayRules.Quarantined, RelayRules.QuarantinedReason(quarantine), null);
        }

        var origin = version.Origin;
        var relayed = origin is null || origin.Nation != self.Nation || origin.NodeId != self.NodeId;
        var path = RelayPath.Of(change);
        var originNation = OriginNation(version);
        if (relayed && RelayRules.CheckRoute(version, path, subscriber, originNation) is { } route)
        {
            return Withheld(route, RelayRules.Reason(route, version, subscriber.Nation, originNation), null);
        }

        var context = new DeliveryContext(relayed, relayed ? path.Count : 0, granteeHolds);
        var decision = agreements.Engine.Decide(version, subscriber.Nation, now, context);
        if (!decision.Allowed)
        {
            return Withheld(decision.Rule, decision.Reason, decision.Agreement);
        }

        if (relayed && decision.Agreement is { } agreement
            && RelayRules.CheckDistribution(version, subscriber.Nation, agreement.Tier) is { } distribution)
        {
            return Withheld(distribution, RelayRules.Reason(distribution, version, subscriber.Nation, originNation), agreement);
        }

        var redactions = (RedactableFields)decision.Redactions;
        if ((redactions & ~IndicatorRedaction.Redactable(version)) != 0)
        {
            // The engine withholds such versions itself (Decision 1); this keeps a copy that would not verify from leaving.
            return Withheld(PolicyRules.RedactionUnverifiable, "withheld: a redaction the version's encoding cannot keep verifiable", decision.Agreement);
        }

        var hold = !decision.IsDeliverableAt(now);
        return new ServeDecision(
            hold ? ServeOutcome.Hold : ServeOutcome.Send,
            decision.Rule,
            decision.Reason,
            decision.Agreement?.Id ?? "",
            decision.Agreement?.Version ?? 0,
            redactions,
            decision.ReleaseAt);
    }

    /// <summary>The copy the subscriber gets: redacted, and the path with this node appended (Decision 6).</summary>
    public FeedRecord ToRecord(ChangeEvent change, ServeDecision decision)
    {
        var record = new IndicatorRecord { Version = IndicatorRedaction.Redact(change.Indicator, decision.Redactions) };
        // This node's warning flag (SECURITY.md rule 4) and its reviewers' names are its own: never sent.
        record.Version.Warning = null;
        var origin = change.Indicator.Origin;
        if (origin is null || origin.Nation != self.Nation || origin.NodeId != self.NodeId)
        {
            record.Path.Add(RelayPath.Of(change));
            record.Path.Add(new RelayHop { Nation = self.Nation, NodeId = self.NodeId });
        }

        return new FeedRecord { Indicator = record };
    }

    private static string OriginNation(Indicator version) =>
        NationCodes.TryNormalize(version.Origin?.Nation, out var nation) ? nation : version.Origin?.Nation ?? "";

    private static ServeDecision Withheld(string rule, string reason, Policy.SharingAgreement? agreement) =>
        new(ServeOutcome.Withhold, rule, reason, agreement?.Id ?? "", agreement?.Version ?? 0, RedactableFields.None, null);
}
