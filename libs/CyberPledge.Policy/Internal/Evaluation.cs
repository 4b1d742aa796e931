using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>
/// The decision procedure: the fixed TLP rules, the revocation rule, the fixed relay rules, then every eligible agreement of the grantee in
/// force at that time, deny overriding allow. Without a trace it stops at the first failure and allocates nothing.
/// </summary>
internal static class Evaluation
{
    public static PolicyDecision Decide(GranteeAgreements? set, Indicator version, string grantee, long nowTicks, DeliveryContext context,
        List<RuleOutcome>? trace)
    {
        var run = new RuleRun(version, grantee, context, trace);
        if (!FixedRules.CheckTlp(ref run))
        {
            return run.FirstFailure;
        }

        // After the TLP rules: a revocation that turned RED is withheld, and Federation's withdrawal (SECURITY.md
        // rule 6, no content) removes the grantee's copy instead.
        if (run.Failures == 0 && version.Revoked && context.GranteeReceivedEarlierVersion)
        {
            return RevocationOfHeld(set, IndicatorCanonicalEncoding.CommitsEachField(version.Encoding), grantee, nowTicks, trace);
        }

        if (context.Relayed && !FixedRules.CheckRelay(ref run))
        {
            return run.FirstFailure;
        }

        if (set is null || set.Eligible.Length == 0)
        {
            run.Fail(set?.FirstIneligible is { } ineligible
                ? RuleRun.Deny(PolicyRules.AgreementStatus, ineligible, grantee, 0)
                : RuleRun.Deny(PolicyRules.NoAgreement, null, grantee, 0));
            return run.FirstFailure;
        }

        run.ExtractFacts();
        var redactions = FieldRedactions.None;
        var releaseTicks = -1L;
        CompiledAgreement? allowing = null;
        var inForce = 0;
        foreach (var a in set.Eligible)
        {
            if (!a.InWindow(nowTicks))
            {
                // Out of its window an agreement takes no part, as a suspended one: it neither allows nor vetoes.
                run.Trace?.Add(new RuleOutcome(PolicyRules.ValidityWindow, a.Source, false,
                    RuleRun.Deny(PolicyRules.ValidityWindow, a.Source, grantee, nowTicks).Reason));
                continue;
            }

            inForce++;
            run.Pass(PolicyRules.ValidityWindow, a);
            if (!AgreementRulesCheck.Check(a, ref run, out var release))
            {
                if (trace is null)
                {
                    return run.FirstFailure;
                }

                continue;
            }

            redactions |= run.Facts.IsV2 ? a.RedactionsV2 : a.Redactions;
            releaseTicks = Math.Max(releaseTicks, release);
            allowing ??= a;
        }

        if (inForce == 0)
        {
            run.Fail(RuleRun.Deny(PolicyRules.ValidityWindow, set.Eligible[0].Source, grantee, nowTicks));
        }

        return run.Failures > 0
            ? run.FirstFailure
            : new PolicyDecision(true, PolicyRules.Allowed, allowing!.Source, grantee, redactions, releaseTicks, 0);
    }

    /// <summary>
    /// The grantee holds an earlier version, so the revocation goes whatever the rules now say. A v1 revocation carries
    /// the sensitive redactions of the agreements in force (both sensitive fields when none is): only those keep a v1
    /// copy verifiable, and a revocation the grantee cannot verify would revoke nothing. A v2 revocation carries every
    /// redaction of the agreements in force (every redactable field when none is).
    /// </summary>
    private static PolicyDecision RevocationOfHeld(GranteeAgreements? set, bool isV2, string grantee, long nowTicks, List<RuleOutcome>? trace)
    {
        var redactions = FieldRedactions.None;
        SharingAgreement? first = null;
        foreach (var a in set?.Eligible ?? [])
        {
            if (a.InWindow(nowTicks))
            {
                redactions |= isV2 ? a.RedactionsV2 : a.Redactions & FieldRedactions.Sensitive;
                first ??= a.Source;
            }
        }

        var none = isV2 ? FieldRedactions.All : FieldRedactions.Sensitive;
        trace?.Add(new RuleOutcome(PolicyRules.RevocationOfHeld, null, true, "revocation of an indicator the grantee received"));
        return new PolicyDecision(true, PolicyRules.RevocationOfHeld, first, grantee, first is null ? none : redactions, -1, 0);
    }
}
