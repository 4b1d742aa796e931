using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>One agreement's rules against one version: integer comparisons and mask tests, in a fixed order.</summary>
internal static class AgreementRulesCheck
{
    /// <summary>
    /// True when <paramref name="a"/> allows the version, with <paramref name="releaseTicks"/> its embargo's release
    /// (-1: none); false when a rule failed (recorded in <paramref name="run"/>).
    /// </summary>
    public static bool Check(CompiledAgreement a, ref RuleRun run, out long releaseTicks)
    {
        releaseTicks = -1;
        var failuresBefore = run.Failures;
        Evaluate(a, ref run, ref releaseTicks);
        return run.Failures == failuresBefore;
    }

    private static void Evaluate(CompiledAgreement a, ref RuleRun run, ref long releaseTicks)
    {
        ref readonly var v = ref run.Facts;
        var strayedSectors = v.SectorMask & ~a.SectorMask;

        // SECURITY.md rule 2: imported data federates once promoted, or where the agreement allows it explicitly.
        if (!run.Rule(!v.UnpromotedImport || a.ShareImported, PolicyRules.ImportedNotPromoted, a, 0))
        {
            return;
        }

        // Decision 10: AMBER+STRICT only where the maximum is exactly AMBER+STRICT (a RED maximum is invalid, not wider).
        if (!run.Rule(v.Tlp != Tlp.AmberStrict || a.MaxTlp == Tlp.AmberStrict, PolicyRules.AmberStrictMaximum, a, (long)v.Tlp)
            || !run.Rule(v.Tlp <= a.MaxTlp, PolicyRules.MaxTlp, a, (long)v.Tlp)
            || !run.Rule((v.TypeBit & a.TypeMask) != 0, PolicyRules.IndicatorTypes, a, (long)v.Type)
            // Every sector named must be allowed, and an empty set allows nothing, even a version naming no sector.
            || !run.Rule(a.SectorMask != 0 && strayedSectors == 0, PolicyRules.Sectors, a, strayedSectors)
            || !run.Rule(v.Confidence >= a.MinConfidence, PolicyRules.MinConfidence, a, v.Confidence)
            || !run.Rule(v.Severity >= a.MinSeverity, PolicyRules.MinSeverity, a, (long)v.Severity))
        {
            return;
        }

        var relays = run.Context.RelayPathLength + 1L;
        if (run.Context.Relayed
            && (!run.Rule(a.MayReshare, PolicyRules.AgreementReshare, a, 0)
                || !run.Rule(relays <= a.HopLimit, PolicyRules.AgreementHopLimit, a, relays)))
        {
            return;
        }

        var unverifiable = a.SignedRedactions & v.SignedFieldsPresent;
        if (!run.Rule(unverifiable == 0, PolicyRules.RedactionUnverifiable, a, (long)unverifiable))
        {
            return;
        }

        if (a.EmbargoTicks == 0)
        {
            run.Pass(PolicyRules.Embargo, a);
        }
        else if (v.MadeAtTicks < 0)
        {
            // No time to count the embargo from: withheld rather than released at once.
            run.Rule(false, PolicyRules.Embargo, a, 0);
        }
        else
        {
            releaseTicks = Math.Min(v.MadeAtTicks + a.EmbargoTicks, DateTimeOffset.MaxValue.UtcTicks);
            run.Pass(PolicyRules.Embargo, a, releaseTicks);
        }
    }
}
