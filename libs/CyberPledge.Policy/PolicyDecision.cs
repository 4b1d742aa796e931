using CyberPledge.Policy.Internal;

namespace CyberPledge.Policy;

/// <summary>
/// The outcome of one decision: allow (with the redactions to apply and, under an embargo, the release time) or
/// deny, naming the rule and the agreement version that decided. A value type, so that deciding allocates nothing;
/// <see cref="Reason"/> is formatted only when read, and <see cref="Trace"/> is filled only by
/// <see cref="PolicyEngine.Explain"/> and <see cref="PolicyEngine.ExplainAgreement"/>.
/// </summary>
public readonly struct PolicyDecision
{
    private readonly IReadOnlyList<RuleOutcome>? _trace;

    // UTC ticks, -1 for none: half the size of a nullable DateTimeOffset, and decisions are copied by value.
    private readonly long _releaseTicks;

    internal PolicyDecision(bool allowed, string rule, SharingAgreement? agreement, string grantee, FieldRedactions redactions,
        long releaseTicks, long detail, IReadOnlyList<RuleOutcome>? trace = null, IncidentRedactions incidentRedactions = IncidentRedactions.None)
    {
        Allowed = allowed;
        Rule = rule;
        Agreement = agreement;
        Grantee = grantee;
        Redactions = redactions;
        _releaseTicks = releaseTicks;
        Detail = detail;
        _trace = trace;
        IncidentRedactions = incidentRedactions;
    }

    /// <summary>Whether the version (or record) may go to the grantee (at <see cref="ReleaseAt"/> when set).</summary>
    public bool Allowed { get; }

    /// <summary>The rule that decided: a <see cref="PolicyRules"/> id (<see cref="PolicyRules.Allowed"/> when shared).</summary>
    public string Rule { get; }

    /// <summary>
    /// The agreement version that decided: the denying one, or for an allow the first (in id order) of those that
    /// allowed; null for a fixed rule that needs none and when the grantee has no agreement.
    /// </summary>
    public SharingAgreement? Agreement { get; }

    /// <summary>The grantee decided for.</summary>
    public string Grantee { get; }

    /// <summary>
    /// For an allow, the fields to leave out (<see cref="Redactor.Apply"/>). Reporting organisation and internal notes
    /// are committed together by one digest, so either one brings the other.
    /// </summary>
    public FieldRedactions Redactions { get; }

    /// <summary>For an allowed incident record (<see cref="PolicyEngine.DecideIncident"/>), the fields to leave out of its copy.</summary>
    public IncidentRedactions IncidentRedactions { get; }

    /// <summary>For an allow under an embargo, when the version may be delivered; null: at once.</summary>
    public DateTimeOffset? ReleaseAt => _releaseTicks < 0 ? null : new DateTimeOffset(_releaseTicks, TimeSpan.Zero);

    /// <summary>Every rule evaluated, in order, with its outcome; empty unless the decision came from an Explain call.</summary>
    public IReadOnlyList<RuleOutcome> Trace => _trace ?? [];

    /// <summary>
    /// For people: "withheld: TLP:AMBER exceeds agreement JPN-2026-01 v3 maximum TLP:GREEN" or
    /// "shared under JPN-2026-01 v3, reporting organisation and internal notes redacted".
    /// </summary>
    public string Reason => Reasons.Format(this);

    /// <summary>Whether the version may be delivered at <paramref name="now"/>: allowed, and released.</summary>
    public bool IsDeliverableAt(DateTimeOffset now) => Allowed && _releaseTicks <= now.UtcTicks;

    /// <summary>The compared value the reason names (a TLP, a type, a confidence, ...), packed by the rule that failed.</summary>
    internal long Detail { get; }

    internal PolicyDecision WithTrace(IReadOnlyList<RuleOutcome> trace) =>
        new(Allowed, Rule, Agreement, Grantee, Redactions, _releaseTicks, Detail, trace, IncidentRedactions);

    /// <inheritdoc/>
    public override string ToString() => Reason;
}
