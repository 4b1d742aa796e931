using System.Runtime.CompilerServices;
using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>
/// One decision in progress, on the stack: the version, its facts, the first failure and, for an explanation, the
/// trace. Without a trace the first failure stops the run; with one every rule is evaluated and recorded, and the
/// first failure still decides.
/// </summary>
internal struct RuleRun(Indicator version, string grantee, DeliveryContext context, List<RuleOutcome>? trace)
{
    public readonly Indicator Version = version;

    /// <summary>
    /// Extracted only once an agreement is to be checked (<see cref="ExtractFacts"/>): most withheld versions are decided
    /// before that, by their TLP, their distribution or the grantee. A trace reads them from the start.
    /// </summary>
    public VersionFacts Facts = trace is null ? default : new VersionFacts(version);

    public readonly string Grantee = grantee;

    public readonly DeliveryContext Context = context;

    public readonly List<RuleOutcome>? Trace = trace;

    /// <summary>The first failure; meaningful when <see cref="Failures"/> is not 0.</summary>
    public PolicyDecision FirstFailure;

    public int Failures;

    public void ExtractFacts()
    {
        if (Trace is null)
        {
            Facts = new VersionFacts(Version);
        }
    }

    /// <summary>Whether the caller goes on: the rule passed, or it failed and the trace wants the remaining rules.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Pass(string rule, CompiledAgreement? a, long releaseTicks = -1)
    {
        if (Trace is not null)
        {
            Trace.Add(new RuleOutcome(rule, a?.Source, true, Reasons.Passed(rule, a, Facts, Context, releaseTicks)));
        }
    }

    public void Fail(in PolicyDecision failed)
    {
        Trace?.Add(new RuleOutcome(failed.Rule, failed.Agreement, false, failed.Reason));
        if (Failures++ == 0)
        {
            FirstFailure = failed;
        }
    }

    public static PolicyDecision Deny(string rule, SharingAgreement? agreement, string grantee, long detail) =>
        new(false, rule, agreement, grantee, FieldRedactions.None, -1, detail);
}
