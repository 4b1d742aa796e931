using System.Globalization;
using CyberPledge.Partners.Grpc;
using CyberPledge.Partners.Peers;
using CyberPledge.V1;

namespace CyberPledge.Partners.Agreements;

/// <summary>
/// Checks an agreement as an administrator gave it (INVALID_ARGUMENT naming the field: "agreement.rules.max_tlp: ...")
/// and returns it normalized: alpha-3 grantee, valid_from set.
/// </summary>
internal static class AgreementValidator
{
    public const uint MaxHopLimit = 16;
    private const int MaxIdLength = 64;
    private const int MaxTitleLength = 200;

    public static SharingAgreement Normalize(SharingAgreement? given, DateTimeOffset now)
    {
        if (given is null)
        {
            throw Refusals.InvalidArgument("agreement", "required");
        }

        var agreement = given.Clone();
        Id("agreement.id", agreement.Id);
        agreement.Grantee = PeerValidator.Nation("agreement.grantee", agreement.Grantee);
        if (agreement.Tier is not (Tier.Ally or Tier.Partner))
        {
            throw Refusals.InvalidArgument("agreement.tier", "must be TIER_ALLY or TIER_PARTNER");
        }

        if (agreement.Title.Length > MaxTitleLength)
        {
            throw Refusals.InvalidArgument("agreement.title", $"at most {MaxTitleLength} characters");
        }

        agreement.ValidFrom ??= Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now);
        if (agreement.ValidUntil is { } until && until.ToDateTimeOffset() <= agreement.ValidFrom.ToDateTimeOffset())
        {
            throw Refusals.InvalidArgument("agreement.valid_until", "must be after valid_from");
        }

        Rules("agreement.rules", agreement.Rules ?? throw Refusals.InvalidArgument("agreement.rules", "required (or a template)"));
        return agreement;
    }

    /// <summary>An agreement id: 1-64 ASCII letters, digits and hyphens.</summary>
    public static void Id(string field, string id)
    {
        if (id.Length is 0 or > MaxIdLength || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw Refusals.InvalidArgument(field, $"\"{id}\" is not 1-{MaxIdLength} letters, digits and hyphens");
        }
    }

    public static void Rules(string field, AgreementRules rules)
    {
        if (rules.MaxTlp is Tlp.Unspecified || !Enum.IsDefined(rules.MaxTlp))
        {
            throw Refusals.InvalidArgument(field + ".max_tlp", "required: TLP_CLEAR, TLP_GREEN, TLP_AMBER or TLP_AMBER_STRICT");
        }

        if (rules.MaxTlp == Tlp.Red)
        {
            throw Refusals.InvalidArgument(field + ".max_tlp", "TLP:RED is never shared: the highest an agreement may allow is TLP_AMBER_STRICT");
        }

        Defined(field + ".indicator_types", rules.IndicatorTypes);
        Defined(field + ".sectors", rules.Sectors);
        Defined(field + ".redactions", rules.Redactions);
        if (rules.MinSeverity != Severity.Unspecified && !Enum.IsDefined(rules.MinSeverity))
        {
            throw Refusals.InvalidArgument(field + ".min_severity", "not a severity");
        }

        if (rules.MinConfidence > 100)
        {
            throw Refusals.InvalidArgument(field + ".min_confidence", "must be 0-100");
        }

        if (rules.Embargo is { } embargo && (embargo.Seconds < 0 || embargo.Nanos < 0 || embargo.Nanos >= 1_000_000_000))
        {
            throw Refusals.InvalidArgument(field + ".embargo", "must be a non-negative duration");
        }

        if (rules.HopLimit > MaxHopLimit)
        {
            throw Refusals.InvalidArgument(field + ".hop_limit", $"must be 0-{MaxHopLimit}");
        }

        if (!rules.MayReshare && rules.HopLimit != 0)
        {
            throw Refusals.InvalidArgument(field + ".hop_limit", "must be 0 unless may_reshare");
        }

        if (rules.Incidents is { } incidents)
        {
            Incidents(field + ".incidents", incidents);
        }

        if (rules.Sightings is { HasHopLimit: true, HopLimit: > MaxHopLimit })
        {
            throw Refusals.InvalidArgument(field + ".sightings.hop_limit", $"must be 0-{MaxHopLimit} (absent: {Policy.SightingRules.DefaultHopLimit})");
        }
    }

    private static void Incidents(string field, IncidentRules incidents)
    {
        Defined(field + ".sectors", incidents.Sectors);
        if (incidents.MinSeverity != Severity.Unspecified && !Enum.IsDefined(incidents.MinSeverity))
        {
            throw Refusals.InvalidArgument(field + ".min_severity", "not a severity");
        }

        if (incidents.Share && incidents.MinSeverity == Severity.Unspecified)
        {
            throw Refusals.InvalidArgument(field + ".min_severity", "required when share is set: SEVERITY_LOW, SEVERITY_MEDIUM, SEVERITY_HIGH or SEVERITY_CRITICAL");
        }
    }

    private static void Defined<T>(string field, IList<T> values) where T : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (Convert.ToInt32(values[i], CultureInfo.InvariantCulture) == 0 || !Enum.IsDefined(values[i]))
            {
                throw Refusals.InvalidArgument($"{field}[{i}]", $"{values[i]} is not a {typeof(T).Name} value");
            }
        }
    }
}
