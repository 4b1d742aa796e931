using System.Globalization;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// What an origin may allow receivers to do: re-share within a hop limit of 1-16, to an audience of tiers and nations,
/// at most at a TLP; or not at all (hop limit 0, no audience). TLP:RED never leaves its node by federation, so it is
/// never re-shareable; AMBER+STRICT is never relayed (DESIGN.md Decision 10), so no relay TLP goes above AMBER.
/// </summary>
internal static class DistributionRules
{
    public const uint MaxHopLimit = 16;

    /// <summary>The highest TLP a relay may pass anything at.</summary>
    public const Tlp MaxRelayTlp = Tlp.Amber;

    /// <summary>Checks <paramref name="distribution"/> and returns it normalized (audience distinct and sorted, nations alpha-3), or the first broken rule.</summary>
    public static FieldError? Check(Distribution distribution, Tlp tlp, out Distribution normalized)
    {
        normalized = distribution.Clone();
        var audience = distribution.RelayAudience;
        var audienceCount = (audience?.Tiers.Count ?? 0) + (audience?.Nations.Count ?? 0);
        if (!distribution.MayReshare)
        {
            return distribution.HopLimit != 0 ? FieldError.Invalid("distribution.hop_limit", "must be 0 when may_reshare is false")
                : audienceCount != 0 ? FieldError.Invalid("distribution.relay_audience", "must be empty when may_reshare is false")
                : distribution.MaxRelayTlp != Tlp.Unspecified ? FieldError.Invalid("distribution.max_relay_tlp", "must be unspecified when may_reshare is false")
                : null;
        }

        if (tlp == Tlp.Red)
        {
            return FieldError.Invalid("distribution.may_reshare", "TLP:RED indicators may not be re-shared");
        }

        if (distribution.HopLimit is < 1 or > MaxHopLimit)
        {
            return FieldError.Invalid("distribution.hop_limit", string.Create(CultureInfo.InvariantCulture, $"must be 1-{MaxHopLimit} when may_reshare is true"));
        }

        if (distribution.MaxRelayTlp is < Tlp.Unspecified or > MaxRelayTlp)
        {
            return FieldError.Invalid("distribution.max_relay_tlp", "must be CLEAR, GREEN or AMBER (AMBER+STRICT and RED are never relayed)");
        }

        return audience is null ? null : CheckAudience(audience, normalized.RelayAudience);
    }

    /// <summary>
    /// What a re-shareable submission that names no audience or relay TLP means today: any grantee a relay's own
    /// agreements allow (every tier), up to AMBER. Written into the version, so the signed distribution says it.
    /// </summary>
    public static void ApplyDefaults(Distribution distribution)
    {
        if (!distribution.MayReshare)
        {
            return;
        }

        if (distribution.RelayAudience is not { Tiers.Count: > 0 } and not { Nations.Count: > 0 })
        {
            distribution.RelayAudience = new RelayAudience { Tiers = { Tier.Ally, Tier.Partner } };
        }

        if (distribution.MaxRelayTlp == Tlp.Unspecified)
        {
            distribution.MaxRelayTlp = MaxRelayTlp;
        }
    }

    /// <summary>A v2 version's signed distribution must say whom and up to which TLP relays may serve: an origin's node fills in the defaults.</summary>
    public static FieldError? CheckStated(Distribution? distribution) =>
        distribution is not { MayReshare: true } ? null
        : distribution.RelayAudience is not { Tiers.Count: > 0 } and not { Nations.Count: > 0 }
            ? FieldError.Invalid("distribution.relay_audience", "required when may_reshare is true (canonical encoding v2)")
        : distribution.MaxRelayTlp == Tlp.Unspecified
            ? FieldError.Invalid("distribution.max_relay_tlp", "required when may_reshare is true (canonical encoding v2)")
        : null;

    private static FieldError? CheckAudience(RelayAudience audience, RelayAudience normalized)
    {
        for (var i = 0; i < audience.Tiers.Count; i++)
        {
            if (audience.Tiers[i] is not (Tier.Ally or Tier.Partner))
            {
                return FieldError.Invalid($"distribution.relay_audience.tiers[{i}]", "unknown tier " + (int)audience.Tiers[i]);
            }
        }

        var nations = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < audience.Nations.Count; i++)
        {
            if (!NationCodes.TryNormalize(audience.Nations[i], out var alpha3))
            {
                return FieldError.Invalid($"distribution.relay_audience.nations[{i}]", "not an ISO 3166-1 country code (upper case, alpha-3 or alpha-2)");
            }

            nations.Add(alpha3);
        }

        var tiers = audience.Tiers.Distinct().Order().ToArray();
        normalized.Tiers.Clear();
        normalized.Tiers.Add(tiers);
        normalized.Nations.Clear();
        normalized.Nations.Add(nations);
        return null;
    }
}
