namespace CyberPledge.Policy.Internal;

/// <summary>
/// One decision in progress, on the stack: the version's facts, the first failure and, for an explanation, the
/// trace. Without a trace the first failure stops the run; with one every rule is evaluated and recorded, and the
/// first failure still decides.
/// </summary>
internal struct RuleRun(in VersionFacts facts, string grantee, DeliveryContext context, List<RuleOutcome>? trace)
{
    public readonly VersionFacts Facts = facts;

    public readonly string Grantee = grantee;

    public readonly DeliveryContext Context = context;

    public readonly List<RuleOutcome>? Trace = trace;

    /// <summary>The first failure; meaningful when <see cref="Failures"/> is not 0.</summary>
    public PolicyDecision FirstFailure;

    public int Failures;

    /// <summary>Whether the caller goes on: the rule passed, or it failed and the trace wants the remaining rules.</summary>
    public bool Rule(bool ok, string rule, CompiledAgreement? a, long detail)
    {
        if (ok)
        {
            Pass(rule, a);
            return true;
        }

        Fail(Deny(rule, a?.Source, Grantee, detail));
        return Trace is not null;
    }

    public void Pass(string rule, CompiledAgreement? a, long releaseTicks = -1) =>
        Trace?.Add(new RuleOutcome(rule, a?.Source, true, Reasons.Passed(rule, a, Facts, Context, releaseTicks)));

    public void Fail(in PolicyDecision failed)
    {
        Trace?.Add(new RuleOutcome(failed.Rule, failed.Agreement, false, failed.Reason));
        if (Failures++ == 0)
        {
            FirstFailure = failed;
        }
    }

    public static PolicyDecision Deny(string rule, SharingAgreement? agreement, string grantee, long detail) =>
        new(false, rule, agreement, grantee, FieldRedactions.None, null, detail);
}
