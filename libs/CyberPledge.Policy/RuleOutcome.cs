namespace CyberPledge.Policy;

/// <summary>One rule evaluated for a decision, with its outcome: the lines of an explanation.</summary>
/// <param name="Rule">A <see cref="PolicyRules"/> id.</param>
/// <param name="Agreement">The agreement version the rule belongs to; null for a fixed rule.</param>
/// <param name="Passed">Whether the version passed this rule.</param>
/// <param name="Detail">What was compared, e.g. "TLP:AMBER exceeds maximum TLP:GREEN".</param>
public readonly record struct RuleOutcome(string Rule, SharingAgreement? Agreement, bool Passed, string Detail)
{
    /// <summary>"JPN-2026-01 v3 max_tlp: pass (TLP:GREEN within maximum TLP:AMBER)".</summary>
    public override string ToString() =>
        $"{(Agreement is null ? "" : Agreement + " ")}{Rule}: {(Passed ? "pass" : "fail")} ({Detail})";
}
