using System.Globalization;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;

namespace CyberPledge.Indicators.WarningLists;

/// <summary>
/// The inbound rules per origin nation (<see cref="IndicatorsOptions.Inbound"/>): keys are ISO 3166-1 codes (alpha-2
/// or alpha-3) or <c>*</c> for every origin without its own entry.
/// </summary>
internal sealed class InboundRules
{
    /// <summary>The list name inbound-rule matches carry.</summary>
    public const string ListName = "inbound-rules";

    /// <summary>The key of the rules for every origin without its own.</summary>
    public const string AnyOrigin = "*";

    private readonly Dictionary<string, InboundOriginRules> _byNation = new(StringComparer.Ordinal);
    private readonly InboundOriginRules? _default;

    public InboundRules(IReadOnlyDictionary<string, InboundOriginRules> rules)
    {
        foreach (var (key, value) in rules)
        {
            if (key == AnyOrigin)
            {
                _default = value;
            }
            else if (NationCodes.TryNormalize(key, out var nation))
            {
                _byNation[nation] = value;
            }
        }
    }

    /// <summary>One problem per bad rule, naming its setting.</summary>
    public static IEnumerable<string> Validate(IReadOnlyDictionary<string, InboundOriginRules> rules)
    {
        foreach (var (key, value) in rules)
        {
            var setting = $"{IndicatorsOptions.SectionName}:Inbound:{key}";
            if (key != AnyOrigin && !NationCodes.TryNormalize(key, out _))
            {
                yield return $"{setting}: \"{key}\" is neither an ISO 3166-1 country code in upper case nor {AnyOrigin}";
            }

            if (value.Types.Any(t => t == IndicatorType.Unspecified || !Enum.IsDefined(t)))
            {
                yield return $"{setting}:Types: only indicator types (Ipv4, Ipv6, Cidr, Domain, Url, Email, Md5, Sha1, Sha256, Cve, Asn)";
            }

            if (value.MaxSignedBatch < 0)
            {
                yield return $"{setting}:MaxSignedBatch: must be 0 (no limit) or more";
            }
        }
    }

    /// <summary>Why the rules refuse the version (null: accepted), and what they flag it for, added to <paramref name="matches"/>.</summary>
    public string? Apply(Indicator version, List<WarningMatch> matches)
    {
        var nation = NationCodes.TryNormalize(version.Origin?.Nation, out var alpha3) ? alpha3 : version.Origin?.Nation ?? "";
        var rules = _byNation.GetValueOrDefault(nation) ?? _default;
        if (rules is null)
        {
            return null;
        }

        if (rules.Types.Count > 0 && !rules.Types.Contains(version.Type))
        {
            return $"inbound rules: type {version.Type} is not accepted from {nation}";
        }

        if (rules.FlagAll)
        {
            matches.Add(new WarningMatch { List = ListName, Entry = "flag_all " + nation });
        }

        var batch = version.Signature?.TreeSize ?? 0;
        if (rules.MaxSignedBatch > 0 && batch > rules.MaxSignedBatch)
        {
            matches.Add(new WarningMatch { List = ListName, Entry = string.Create(CultureInfo.InvariantCulture, $"max_signed_batch {rules.MaxSignedBatch} {nation}") });
        }

        return null;
    }
}
