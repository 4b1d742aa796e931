using System.Globalization;
using CyberPledge.ServiceDefaults;
using CyberPledge.V1;

namespace CyberPledge.Indicators.Validation;

/// <summary>The relay path Federation applies a foreign version with (DESIGN.md Decision 6; SECURITY.md rule 7 caps its length).</summary>
internal static class RelayPathRules
{
    /// <summary>The most hops a path may hold: the largest hop limit a distribution may state.</summary>
    public const int MaxHops = 16;

    public static FieldError? Check(IReadOnlyList<RelayHop> path, string field)
    {
        if (path.Count > MaxHops)
        {
            return FieldError.Invalid(field, string.Create(CultureInfo.InvariantCulture, $"at most {MaxHops} hops"));
        }

        for (var i = 0; i < path.Count; i++)
        {
            var hop = path[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
            if (hop.Nation.Length != 3 || !NationCodes.TryNormalize(hop.Nation, out var alpha3) || alpha3 != hop.Nation)
            {
                return FieldError.Invalid(at + ".nation", "an ISO 3166-1 alpha-3 code in upper case");
            }

            if (!OriginRules.IsNodeId(hop.NodeId))
            {
                return FieldError.Invalid(at + ".node_id", OriginRules.NodeIdRule);
            }
        }

        return null;
    }
}
