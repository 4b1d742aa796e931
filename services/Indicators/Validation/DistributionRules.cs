using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>
/// What an origin may allow receivers to do: re-share within a hop limit of 1-16, or not at
/// all (hop limit 0). TLP:RED never leaves its node by federation, so it is never re-shareable.
/// </summary>
internal static class DistributionRules
{
    public const uint MaxHopLimit = 16;

    /// <summary>Returns the first broken rule, or null.</summary>
    public static FieldError? Check(Distribution distribution, Tlp tlp)
    {
        if (!distribution.MayReshare)
        {
            return distribution.HopLimit == 0
                ? null
                : FieldError.Invalid("distribution.hop_limit", "must be 0 when may_reshare is false");
        }

        if (tlp == Tlp.Red)
        {
            return FieldError.Invalid("distribution.may_reshare", "TLP:RED indicators may not be re-shared");
        }

        return distribution.HopLimit is >= 1 and <= MaxHopLimit
            ? null
            : FieldError.Invalid("distribution.hop_limit", string.Create(CultureInfo.InvariantCulture, $"must be 1-{MaxHopLimit} when may_reshare is true"));
    }
}
