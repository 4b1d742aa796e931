using CyberPledge.Policy.Internal;
using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>
/// A set of agreements compiled into predicates (bitmasks and ticks) that decide, for one indicator version, one
/// grantee and one instant, allow or deny with a reason. Immutable and thread-safe: compile a new engine when the
/// agreements change. <see cref="Decide"/> allocates nothing.
/// </summary>
/// <remarks>
/// The procedure, in order (docs/partners.md, "Decisions and reasons"):
/// <list type="number">
/// <item>Fixed rules no agreement overrides: a version without a valid TLP and TLP:RED are never shared.</item>
/// <item>A revocation of an indicator the grantee received earlier is delivered, whatever its agreements now say.</item>
/// <item>Fixed relay rules: a relayed version is never TLP:AMBER+STRICT, and goes only where the origin's
/// distribution allows re-sharing and its hop limit is not reached.</item>
/// <item>The grantee's eligible agreements (active ones) inside their validity window are "in force"; the others take
/// no part. None in force: deny.</item>
/// <item>Deny overrides allow: the version passes only if every agreement in force allows it; the first denial (in
/// agreement id order, then rule order) is the decision. An allow applies the union of their redactions and the
/// latest of their release times.</item>
/// </list>
/// </remarks>
public sealed partial class PolicyEngine
{
    private readonly Dictionary<string, GranteeAgreements> _byGrantee;

    private PolicyEngine(Dictionary<string, GranteeAgreements> byGrantee) => _byGrantee = byGrantee;

    /// <summary>How many agreements can pass anything (the active ones; the draft too in a preview engine).</summary>
    public int EligibleCount => _byGrantee.Values.Sum(g => g.Eligible.Length);

    /// <summary>
    /// Compiles <paramref name="agreements"/> (the current version of each). Only active ones will pass anything; the
    /// others are kept to name in reasons.
    /// </summary>
    /// <exception cref="ArgumentException">Two agreements share an id.</exception>
    public static PolicyEngine Compile(IEnumerable<SharingAgreement> agreements) => Compile(agreements, previewDrafts: false);

    /// <summary>
    /// Decides whether <paramref name="version"/> may go to <paramref name="grantee"/> (ISO 3166-1 alpha-3) at
    /// <paramref name="now"/>, delivered as <paramref name="context"/> says. Allocates nothing.
    /// </summary>
    public PolicyDecision Decide(Indicator version, string grantee, DateTimeOffset now, DeliveryContext context) =>
        Run(version, grantee, now, context, trace: null);

    /// <summary>As <see cref="Decide"/>, with every rule evaluated and recorded in <see cref="PolicyDecision.Trace"/>.</summary>
    public PolicyDecision Explain(Indicator version, string grantee, DateTimeOffset now, DeliveryContext context)
    {
        var trace = new List<RuleOutcome>();
        return Run(version, grantee, now, context, trace).WithTrace(trace);
    }

    /// <summary>
    /// Evaluates one agreement alone, as Preview does: a draft counts as active (suspended, revoked and expired ones
    /// still pass nothing), and the grantee is the agreement's. For many versions, <see cref="CompileForPreview"/> once.
    /// </summary>
    public static PolicyDecision Evaluate(SharingAgreement agreement, Indicator version, DateTimeOffset now, DeliveryContext context) =>
        CompileForPreview(agreement).Decide(version, agreement.Grantee, now, context);

    /// <summary>As <see cref="Evaluate"/>, with the trace.</summary>
    public static PolicyDecision ExplainAgreement(SharingAgreement agreement, Indicator version, DateTimeOffset now, DeliveryContext context) =>
        CompileForPreview(agreement).Explain(version, agreement.Grantee, now, context);

    /// <summary>An engine holding <paramref name="agreement"/> alone, a draft counting as active: Preview's engine.</summary>
    public static PolicyEngine CompileForPreview(SharingAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return Compile([agreement], previewDrafts: true);
    }

    private static PolicyEngine Compile(IEnumerable<SharingAgreement> agreements, bool previewDrafts)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var byGrantee = new Dictionary<string, GranteeAgreements>(StringComparer.Ordinal);
        foreach (var group in agreements.OrderBy(a => a.Id, StringComparer.Ordinal).GroupBy(a => a.Grantee, StringComparer.Ordinal))
        {
            var eligible = new List<CompiledAgreement>();
            SharingAgreement? firstIneligible = null;
            foreach (var agreement in group)
            {
                if (!seen.Add(agreement.Id))
                {
                    throw new ArgumentException($"agreement {agreement.Id} appears twice: compile one version of each", nameof(agreements));
                }

                if (agreement.Status == AgreementStatus.Active || (previewDrafts && agreement.Status == AgreementStatus.Draft))
                {
                    eligible.Add(new CompiledAgreement(agreement));
                }
                else
                {
                    firstIneligible ??= agreement;
                }
            }

            byGrantee[group.Key] = new GranteeAgreements([.. eligible], firstIneligible);
        }

        return new PolicyEngine(byGrantee);
    }

    private PolicyDecision Run(Indicator version, string grantee, DateTimeOffset now, DeliveryContext context, List<RuleOutcome>? trace)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(grantee);
        ArgumentOutOfRangeException.ThrowIfNegative(context.RelayPathLength);
        _byGrantee.TryGetValue(grantee, out var set);
        return Evaluation.Decide(set, version, grantee, now.UtcTicks, context, trace);
    }
}
