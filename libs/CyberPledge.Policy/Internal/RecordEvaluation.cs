namespace CyberPledge.Policy.Internal;

/// <summary>
/// The decision procedure for records other than indicator versions, as for versions: the fixed rules, then every
/// eligible agreement of the grantee in force at that time, deny overriding allow (the first denial in agreement id
/// order decides). It stops at the first failure and allocates nothing; these decisions keep no trace.
/// </summary>
internal static class RecordEvaluation
{
    public static PolicyDecision Decide<TRules, TFacts>(GranteeAgreements? set, in TFacts facts, string grantee, long nowTicks)
        where TRules : IRecordRules<TFacts>
        where TFacts : struct
    {
        if (TRules.CheckFixed(facts, grantee, out var detail) is { } fixedRule)
        {
            return RuleRun.Deny(fixedRule, null, grantee, detail);
        }

        if (set is null || set.Eligible.Length == 0)
        {
            return set?.FirstIneligible is { } ineligible
                ? RuleRun.Deny(PolicyRules.AgreementStatus, ineligible, grantee, 0)
                : RuleRun.Deny(PolicyRules.NoAgreement, null, grantee, 0);
        }

        CompiledAgreement? allowing = null;
        var redactions = IncidentRedactions.None;
        foreach (var a in set.Eligible)
        {
            // Out of its window an agreement takes no part: it neither allows nor vetoes.
            if (!a.InWindow(nowTicks))
            {
                continue;
            }

            if (TRules.CheckAgreement(a, facts, out detail) is { } rule)
            {
                return RuleRun.Deny(rule, a.Source, grantee, detail);
            }

            redactions |= TRules.Redactions(a);
            allowing ??= a;
        }

        return allowing is null
            ? RuleRun.Deny(PolicyRules.ValidityWindow, set.Eligible[0].Source, grantee, nowTicks)
            : new PolicyDecision(true, TRules.AllowedRule, allowing.Source, grantee, FieldRedactions.None, -1, 0, incidentRedactions: redactions);
    }
}
