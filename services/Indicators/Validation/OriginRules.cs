using System.Globalization;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>The syntax of an origin: nation code and node id.</summary>
internal static class OriginRules
{
    public const int MaxNodeIdLength = 63;

    public static readonly string NodeIdRule =
        string.Create(CultureInfo.InvariantCulture, $"1-{MaxNodeIdLength} lower-case letters, digits, dots and hyphens, starting with a letter or digit");

    public static FieldError? Check(Origin? origin, string field)
    {
        if (origin is null)
        {
            return FieldError.Invalid(field, "required");
        }

        if (origin.Nation.Length is < 2 or > 3 || !origin.Nation.All(char.IsAsciiLetterUpper))
        {
            return FieldError.Invalid(field + ".nation", "an ISO 3166-1 alpha-2 or alpha-3 code in upper case");
        }

        return IsNodeId(origin.NodeId) ? null : FieldError.Invalid(field + ".node_id", NodeIdRule);
    }

    public static bool IsNodeId(string node) =>
        node.Length is > 0 and <= MaxNodeIdLength && (char.IsAsciiLetterLower(node[0]) || char.IsAsciiDigit(node[0]))
        && node.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.');

    public static bool SameOrigin(Origin? a, Origin? b) =>
        a is not null && b is not null && a.Nation == b.Nation && a.NodeId == b.NodeId;
}
