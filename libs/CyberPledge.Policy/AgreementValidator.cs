using System.Text.RegularExpressions;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;

namespace CyberPledge.Policy;

/// <summary>
/// Checks an agreement against its schema before it may be activated (as Cedar validates policies): every field in
/// its range, every enum a known value, nothing that the fixed rules would silently ignore.
/// </summary>
public static partial class AgreementValidator
{
    /// <summary>The largest hop limit, as for an indicator's distribution (docs/indicators.md).</summary>
    public const uint MaxHopLimit = 16;

    /// <summary>The longest embargo: beyond it a version would be stale before it is released.</summary>
    public static readonly TimeSpan MaxEmbargo = TimeSpan.FromDays(365);

    /// <summary>Every problem with <paramref name="agreement"/>; empty when it is valid.</summary>
    public static IReadOnlyList<AgreementValidationError> Validate(SharingAgreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var errors = new List<AgreementValidationError>();
        void Error(string field, string message) => errors.Add(new AgreementValidationError(field, message));

        if (agreement.Id is null || !IdPattern().IsMatch(agreement.Id))
        {
            Error("id", "1-64 letters, digits and hyphens, starting with a letter or digit, e.g. JPN-2026-01");
        }

        if (agreement.Version == 0)
        {
            Error("version", "starts at 1");
        }

        if (!NationCodes.TryNormalize(agreement.Grantee, out var alpha3) || alpha3 != agreement.Grantee)
        {
            Error("grantee", $"'{agreement.Grantee}' is not an ISO 3166-1 alpha-3 code in upper case, such as JPN");
        }

        if (agreement.Tier is not (Tier.Ally or Tier.Partner))
        {
            Error("tier", "ally or partner");
        }

        if (!Enum.IsDefined(agreement.Status) || agreement.Status == AgreementStatus.Unspecified)
        {
            Error("status", "draft, active, suspended, revoked or expired");
        }

        if (agreement.ValidUntil is { } until && until <= agreement.ValidFrom)
        {
            Error("valid_until", "must be after valid_from");
        }

        if (agreement.Rules is null)
        {
            Error("rules", "required");
        }
        else
        {
            ValidateRules(agreement.Rules, Error);
        }

        return errors;
    }

    private static void ValidateRules(AgreementRules rules, Action<string, string> error)
    {
        switch (rules.MaxTlp)
        {
            case Tlp.Red:
                error("rules.max_tlp", "RED can never be shared");
                break;
            case < Tlp.Clear or > Tlp.Red:
                error("rules.max_tlp", "CLEAR, GREEN, AMBER or AMBER+STRICT");
                break;
        }

        var i = 0;
        foreach (var type in rules.IndicatorTypes)
        {
            if (type is <= IndicatorType.Unspecified || !Enum.IsDefined(type))
            {
                error($"rules.indicator_types[{i}]", $"{(int)type} is not an indicator type");
            }

            i++;
        }

        i = 0;
        foreach (var sector in rules.Sectors)
        {
            if (sector is <= Sector.Unspecified || !Enum.IsDefined(sector))
            {
                error($"rules.sectors[{i}]", $"{(int)sector} is not a sector");
            }

            i++;
        }

        if (rules.MinConfidence > 100)
        {
            error("rules.min_confidence", "0-100");
        }

        if (!Enum.IsDefined(rules.MinSeverity))
        {
            error("rules.min_severity", "unspecified, low, medium, high or critical");
        }

        if (rules.Embargo < TimeSpan.Zero || rules.Embargo > MaxEmbargo)
        {
            error("rules.embargo", $"0 to {MaxEmbargo.TotalDays} days");
        }

        if ((rules.Redactions & ~FieldRedactions.All) != 0)
        {
            error("rules.redactions", "reporting organisation, internal notes, description, kill-chain phases or tags");
        }

        if (rules.MayReshare ? rules.HopLimit is < 1 or > MaxHopLimit : rules.HopLimit != 0)
        {
            error("rules.hop_limit", rules.MayReshare ? $"1-{MaxHopLimit} when re-sharing is allowed" : "0 when re-sharing is not allowed");
        }

        ValidateRecordRules(rules, error);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
