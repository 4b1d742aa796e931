using CyberPledge.Signing;
using CyberPledge.V1;

namespace CyberPledge.Federation.Serving;

/// <summary>
/// The relay rules the policy engine does not hold because they depend on the stream, not on the agreement
/// (SECURITY.md rule 3, DESIGN.md Decisions 6 and 10): the origin's signed audience and maximum TLP for relays, and
/// where the version already was. Each returns the rule id that withholds, or null.
/// </summary>
internal static class RelayRules
{
    public const string GranteeIsOrigin = "relay.grantee_is_origin";
    public const string GranteeInPath = "relay.grantee_in_path";
    public const string DirectOrigin = "relay.direct_origin";
    public const string OriginAudience = "relay.origin_audience";
    public const string OriginMaxTlp = "relay.origin_max_tlp";

    /// <summary>This node quarantined the indicator (an equivocation or a version jump): none of its versions leave.</summary>
    public const string Quarantined = "relay.quarantined";

    /// <summary>
    /// A rule of routing, not of sharing: the subscriber gets the version from its origin, or already had it, or not at
    /// all by the origin's own decision. Counted on the outbound link (<c>routed</c>), not recorded in the share audit.
    /// </summary>
    public static bool IsRoute(string rule) => rule is GranteeIsOrigin or GranteeInPath or DirectOrigin;

    /// <summary>Where the version was: its origin and the relays it went through must not include the subscriber.</summary>
    public static string? CheckRoute(Indicator version, IReadOnlyList<RelayHop> path, Subscriber subscriber, string originNation)
    {
        if (originNation == subscriber.Nation)
        {
            return GranteeIsOrigin;
        }

        foreach (var hop in path)
        {
            if (hop.Nation == subscriber.Nation)
            {
                return GranteeInPath;
            }
        }

        return subscriber.DirectOrigins.Contains(originNation) ? DirectOrigin : null;
    }

    /// <summary>
    /// The origin's signed distribution for relays (canonical encoding v2): the grantee's tier or nation must be in
    /// its audience, and the version's TLP at most its maximum. A v1 version signs neither, so the engine's rules alone
    /// apply to it (re-share, hop limit, never AMBER+STRICT or RED).
    /// </summary>
    public static string? CheckDistribution(Indicator version, string grantee, Tier granteeTier)
    {
        if (!IndicatorCanonicalEncoding.CommitsEachField(version.Encoding))
        {
            return null;
        }

        var distribution = version.Distribution;
        var audience = distribution?.RelayAudience;
        if (audience is null || (!audience.Tiers.Contains(granteeTier) && !audience.Nations.Contains(grantee)))
        {
            return OriginAudience;
        }

        return distribution!.MaxRelayTlp == Tlp.Unspecified || version.Tlp > distribution.MaxRelayTlp ? OriginMaxTlp : null;
    }

    /// <summary>The reason the audit shows for <see cref="Quarantined"/>.</summary>
    public static string QuarantinedReason(Quarantine quarantine) => quarantine.Reason switch
    {
        V1.QuarantineReason.Equivocation => $"withheld: quarantined on this node (equivocation at version {quarantine.Version})",
        V1.QuarantineReason.VersionJump => $"withheld: quarantined on this node (version jump to {quarantine.Version})",
        _ => $"withheld: quarantined on this node (version {quarantine.Version})",
    };

    /// <summary>The reason the audit shows for one of these rules.</summary>
    public static string Reason(string rule, Indicator version, string grantee, string originNation) => rule switch
    {
        GranteeIsOrigin => $"withheld: {grantee} is the origin of this version",
        GranteeInPath => $"withheld: the version already went through {grantee}",
        DirectOrigin => $"withheld: {grantee} receives {originNation}'s versions directly",
        OriginAudience => $"withheld: {originNation}'s relay audience does not include {grantee}",
        OriginMaxTlp => $"withheld: TLP:{version.Tlp} exceeds {originNation}'s maximum TLP for relays TLP:{version.Distribution?.MaxRelayTlp}",
        _ => "withheld: " + rule,
    };
}
