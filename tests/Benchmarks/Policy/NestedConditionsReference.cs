using CyberPledge.Policy;
using CyberPledge.V1;
// The policy model, not the wire message of the same name.
using SharingAgreement = CyberPledge.Policy.SharingAgreement;

namespace CyberPledge.Benchmarks.Policy;

/// <summary>
/// The same-run reference: the engine's rules written as the plain nested conditions one would write first, straight
/// over the agreement model (its sets, dates and enums), with no compiled form. It must reach the same decisions; the
/// benchmark checks that it does before timing either.
/// </summary>
internal sealed class NestedConditionsReference
{
    private readonly Dictionary<string, List<SharingAgreement>> _byGrantee;

    public NestedConditionsReference(IEnumerable<SharingAgreement> agreements)
    {
        _byGrantee = [];
        foreach (var a in agreements.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            if (!_byGrantee.TryGetValue(a.Grantee, out var list))
            {
                _byGrantee[a.Grantee] = list = [];
            }

            list.Add(a);
        }
    }

    /// <summary>Allowed, with the union of redactions and the latest release (ticks; -1 for none).</summary>
    public bool Decide(Indicator v, string grantee, DateTimeOffset now, DeliveryContext context, out FieldRedactions redactions, out long releaseTicks)
    {
        redactions = FieldRedactions.None;
        releaseTicks = -1;
        if (v.Tlp == Tlp.Unspecified || v.Tlp == Tlp.Red)
        {
            return false;
        }

        if (v.Revoked && context.GranteeReceivedEarlierVersion)
        {
            return true; // not in the mix
        }

        if (context.Relayed)
        {
            if (v.Tlp == Tlp.AmberStrict || v.Distribution is null || !v.Distribution.MayReshare || context.RelayPathLength + 1 > v.Distribution.HopLimit)
            {
                return false;
            }
        }

        if (!_byGrantee.TryGetValue(grantee, out var agreements))
        {
            return false;
        }

        var inForce = 0;
        foreach (var a in agreements)
        {
            if (a.Status != AgreementStatus.Active || now < a.ValidFrom || (a.ValidUntil is { } until && now >= until))
            {
                continue;
            }

            inForce++;
            var r = a.Rules;
            if (v.Tlp == Tlp.AmberStrict && r.MaxTlp != Tlp.AmberStrict)
            {
                return false;
            }

            if (v.Tlp > r.MaxTlp || !r.IndicatorTypes.Contains(v.Type) || r.Sectors.Count == 0)
            {
                return false;
            }

            foreach (var sector in v.Sectors)
            {
                if (!r.Sectors.Contains(sector))
                {
                    return false;
                }
            }

            if (v.Confidence < r.MinConfidence || v.Severity < r.MinSeverity)
            {
                return false;
            }

            if (context.Relayed && (!r.MayReshare || context.RelayPathLength + 1 > r.HopLimit))
            {
                return false;
            }

            if (((r.Redactions & FieldRedactions.Description) != 0 && v.Description.Length > 0)
                || ((r.Redactions & FieldRedactions.Tags) != 0 && v.Tags.Count > 0)
                || ((r.Redactions & FieldRedactions.KillChainPhases) != 0 && v.KillChainPhases.Count > 0))
            {
                return false;
            }

            if (r.Embargo > TimeSpan.Zero)
            {
                var madeAt = v.Modified ?? v.Created;
                if (madeAt is null)
                {
                    return false;
                }

                releaseTicks = Math.Max(releaseTicks, (madeAt.ToDateTimeOffset() + r.Embargo).UtcTicks);
            }

            redactions |= (r.Redactions & FieldRedactions.Sensitive) != 0 ? r.Redactions | FieldRedactions.Sensitive : r.Redactions;
        }

        return inForce > 0;
    }
}
