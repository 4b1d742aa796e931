using System.Globalization;
using System.Text;
using CyberPledge.V1;

namespace CyberPledge.Stix.Internal.Export;

/// <summary>
/// The STIX pattern of an indicator value: one comparison, one observation (docs/taxii.md, "STIX mapping"). Values are
/// the node's normal forms, so they only need the grammar's string escaping.
/// </summary>
internal static class PatternText
{
    public static string For(IndicatorType type, string value) => type switch
    {
        IndicatorType.Ipv4 => Equal("ipv4-addr:value", value),
        IndicatorType.Ipv6 => Equal("ipv6-addr:value", value),
        // A CIDR is an ipv4-addr or ipv6-addr value (STIX 2.1 §6.8, §6.9 allow CIDR notation there).
        IndicatorType.Cidr => Equal(value.Contains(':', StringComparison.Ordinal) ? "ipv6-addr:value" : "ipv4-addr:value", value),
        IndicatorType.Domain => Equal("domain-name:value", value),
        IndicatorType.Url => Equal("url:value", value),
        IndicatorType.Email => Equal("email-addr:value", value),
        IndicatorType.Md5 => Equal("file:hashes.'MD5'", value),
        IndicatorType.Sha1 => Equal("file:hashes.'SHA-1'", value),
        IndicatorType.Sha256 => Equal("file:hashes.'SHA-256'", value),
        IndicatorType.Asn => "[autonomous-system:number = " + AsnNumber(value) + "]",
        // There is no observable for a CVE: the pattern names the vulnerability exported beside it (docs/taxii.md).
        IndicatorType.Cve => Equal("vulnerability:name", value),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "no STIX pattern for this indicator type"),
    };

    /// <summary>A string literal of the pattern grammar: quoted, with only ' and \ escaped (STIX 2.1 §9.2).</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('\'');
        foreach (var c in value)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    private static string Equal(string path, string value) => "[" + path + " = " + Quote(value) + "]";

    private static string AsnNumber(string value)
    {
        var digits = value.StartsWith("AS", StringComparison.OrdinalIgnoreCase) ? value[2..] : value;
        if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new ArgumentException($"not a normalized AS number: {value}", nameof(value));
        }

        return number.ToString(CultureInfo.InvariantCulture);
    }
}
