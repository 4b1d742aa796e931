using CyberPledge.V1;

namespace CyberPledge.Policy.Internal;

/// <summary>
/// The TLP 2.0 rules in code that no agreement overrides, and the origin's distribution that binds relays
/// (SECURITY.md rule 3, DESIGN.md Decisions 6 and 10).
/// </summary>
internal static class FixedRules
{
    /// <summary>TLP:RED and versions without a TLP: false when the run must stop (a rule failed and there is no trace).</summary>
    public static bool CheckTlp(ref RuleRun run)
    {
        var tlp = run.Version.Tlp;
        return run.Rule(tlp is >= Tlp.Clear and <= Tlp.Red, PolicyRules.TlpUnknown, null, (long)tlp)
            && run.Rule(tlp != Tlp.Red, PolicyRules.TlpRed, null, 0);
    }

    /// <summary>A relayed version: false when the run must stop.</summary>
    public static bool CheckRelay(ref RuleRun run)
    {
        var distribution = run.Version.Distribution;
        var hopLimit = distribution?.HopLimit ?? 0;

        // This node's relay counts: the version reaches the grantee RelayPathLength + 1 relays past its origin.
        var relays = run.Context.RelayPathLength + 1L;
        return run.Rule(run.Version.Tlp != Tlp.AmberStrict, PolicyRules.AmberStrictRelay, null, 0)
            && run.Rule(distribution?.MayReshare ?? false, PolicyRules.OriginReshare, null, 0)
            && run.Rule(relays <= hopLimit, PolicyRules.OriginHopLimit, null, (relays << 32) | hopLimit);
    }
}
