using System.Globalization;
using System.Diagnostics.CodeAnalysis;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>Validates an indicator value for its type and returns its normal form (docs/indicators.md).</summary>
internal static class IndicatorValueNormalizer
{
    private const int MaxInputLength = 4096;

    /// <summary>
    /// A value of unknown type as the first type that takes it would store it (refanged and normalized), or refanged
    /// and trimmed when no type takes it: what a Query by value alone should look for.
    /// </summary>
    public static string NormalizeAsAnyType(string input)
    {
        foreach (var type in Enum.GetValues<IndicatorType>())
        {
            if (type != IndicatorType.Unspecified && TryNormalize(type, input, out var value, out _))
            {
                return value;
            }
        }

        return Refang.Apply(input).Trim();
    }

    public static bool TryNormalize(IndicatorType type, string input,
        [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? reason)
    {
        value = null;
        if (input.Length > MaxInputLength)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"longer than {MaxInputLength} characters");
            return false;
        }

        var text = Refang.Apply(input);
        if (text.Length == 0)
        {
            reason = "required";
            return false;
        }

        switch (type)
        {
            case IndicatorType.Ipv4: return Ipv4Normalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Ipv6: return Ipv6Normalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Cidr: return CidrNormalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Domain: return DomainNormalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Url: return UrlNormalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Email: return EmailNormalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Md5: return HashNormalizer.TryNormalize(text, 32, "MD5", out value, out reason);
            case IndicatorType.Sha1: return HashNormalizer.TryNormalize(text, 40, "SHA-1", out value, out reason);
            case IndicatorType.Sha256: return HashNormalizer.TryNormalize(text, 64, "SHA-256", out value, out reason);
            case IndicatorType.Cve: return CveNormalizer.TryNormalize(text, out value, out reason);
            case IndicatorType.Asn: return AsnNormalizer.TryNormalize(text, out value, out reason);
            default:
                reason = "cannot be checked without a known type";
                return false;
        }
    }
}
