using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.Stix.Internal.Import;

/// <summary>
/// The inverse of the export's patterns: exactly one observation holding one '=' comparison on an object path the node
/// has a type for (docs/taxii.md, "STIX mapping"). Anything richer cannot be stored as one indicator and fails.
/// </summary>
internal static class PatternMapping
{
    public static (IndicatorType Type, string Value) Read(string pattern)
    {
        if (!StixPattern.TryParse(pattern, out var expression, out var error))
        {
            throw new ImportFailure("pattern does not parse: " + error.Message);
        }

        if (expression is not ObservationExpression { Comparison: ComparisonTest test })
        {
            throw new ImportFailure("pattern is not a single comparison in a single observation (qualifiers, AND, OR and FOLLOWEDBY cannot be stored as one indicator)");
        }

        if (test.Operator != ComparisonOperator.Equal || test.Negated)
        {
            throw new ImportFailure($"pattern uses {(test.Negated ? "NOT " : "")}{test.Operator}; only '=' can be stored as an indicator value");
        }

        var path = test.Path.ToString();
        return path switch
        {
            "ipv4-addr:value" => Address(IndicatorType.Ipv4, test.Value),
            "ipv6-addr:value" => Address(IndicatorType.Ipv6, test.Value),
            "domain-name:value" => (IndicatorType.Domain, Text(test.Value, path)),
            "url:value" => (IndicatorType.Url, Text(test.Value, path)),
            "email-addr:value" => (IndicatorType.Email, Text(test.Value, path)),
            "file:hashes.MD5" => (IndicatorType.Md5, Text(test.Value, path)),
            "file:hashes.'SHA-1'" => (IndicatorType.Sha1, Text(test.Value, path)),
            "file:hashes.'SHA-256'" => (IndicatorType.Sha256, Text(test.Value, path)),
            "autonomous-system:number" => (IndicatorType.Asn, test.Value is IntegerLiteral { Value: > 0 } n
                ? string.Create(CultureInfo.InvariantCulture, $"AS{n.Value}")
                : throw new ImportFailure("autonomous-system:number is compared with something other than a positive integer")),
            "vulnerability:name" => (IndicatorType.Cve, Text(test.Value, path)),
            _ => throw new ImportFailure($"unknown object path {path} (the node stores ipv4-addr, ipv6-addr, domain-name, url, email-addr, file hashes MD5/SHA-1/SHA-256, autonomous-system and vulnerability:name)"),
        };
    }

    // A CIDR is written as an address value with a prefix (STIX 2.1 §6.8, §6.9).
    private static (IndicatorType, string) Address(IndicatorType single, PatternLiteral literal)
    {
        var value = Text(literal, single == IndicatorType.Ipv4 ? "ipv4-addr:value" : "ipv6-addr:value");
        return (value.Contains('/', StringComparison.Ordinal) ? IndicatorType.Cidr : single, value);
    }

    private static string Text(PatternLiteral literal, string path) => literal is StringLiteral s
        ? s.Value
        : throw new ImportFailure($"{path} is compared with something other than a string");
}
