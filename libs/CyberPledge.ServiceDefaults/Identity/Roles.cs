using System.Diagnostics.CodeAnalysis;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// The roles a caller can hold: <c>admin</c>, <c>analyst</c>, <c>partner:&lt;NATION&gt;</c>,
/// <c>node:&lt;NATION&gt;:&lt;node-id&gt;</c> and <c>service:&lt;name&gt;</c>. Nations are ISO 3166-1 alpha-3 codes in
/// upper case (DESIGN.md Decision 8).
/// </summary>
public static class Roles
{
    /// <summary>This nation's administrators.</summary>
    public const string Admin = "admin";

    /// <summary>This nation's analysts.</summary>
    public const string Analyst = "analyst";

    /// <summary>The prefix of a partner nation's role, <c>partner:JPN</c>.</summary>
    public const string PartnerPrefix = "partner:";

    /// <summary>The prefix of a peer node's role, <c>node:NLD:n1</c>.</summary>
    public const string NodePrefix = "node:";

    /// <summary>The prefix of one of this node's own services, <c>service:federation</c>.</summary>
    public const string ServicePrefix = "service:";

    /// <summary>This node's Federation service, the only caller of the internal methods that apply foreign versions.</summary>
    public const string FederationService = "service:federation";

    /// <summary>The role of a partner nation.</summary>
    /// <exception cref="ArgumentException">The nation is not an ISO 3166-1 alpha-3 code in upper case.</exception>
    public static string Partner(string nation)
    {
        RequireNation(nation);
        return PartnerPrefix + nation;
    }

    /// <summary>The role of a peer node.</summary>
    /// <exception cref="ArgumentException">The nation or the node id is malformed.</exception>
    public static string Node(string nation, string nodeId)
    {
        RequireNation(nation);
        if (!IsNodeId(nodeId))
        {
            throw new ArgumentException("A node id is 1-63 lower-case letters, digits, dots and hyphens, starting with a letter or digit.", nameof(nodeId));
        }
        return NodePrefix + nation + ":" + nodeId;
    }

    /// <summary>The role of one of this node's services.</summary>
    /// <exception cref="ArgumentException">The name is malformed.</exception>
    public static string Service(string name)
    {
        if (!IsServiceName(name))
        {
            throw new ArgumentException("A service name is 1-63 lower-case letters, digits and hyphens, starting with a letter.", nameof(name));
        }
        return ServicePrefix + name;
    }

    /// <summary>The nation of a <c>partner:&lt;NATION&gt;</c> role.</summary>
    public static bool TryParsePartner(string? role, [NotNullWhen(true)] out string? nation)
    {
        nation = null;
        if (role is null || !role.StartsWith(PartnerPrefix, StringComparison.Ordinal) || !IsNation(role.AsSpan(PartnerPrefix.Length)))
        {
            return false;
        }
        nation = role[PartnerPrefix.Length..];
        return true;
    }

    /// <summary>The nation and node id of a <c>node:&lt;NATION&gt;:&lt;node-id&gt;</c> role.</summary>
    public static bool TryParseNode(string? role, [NotNullWhen(true)] out string? nation, [NotNullWhen(true)] out string? nodeId)
    {
        nation = null;
        nodeId = null;
        if (role is null || !role.StartsWith(NodePrefix, StringComparison.Ordinal))
        {
            return false;
        }
        var rest = role.AsSpan(NodePrefix.Length);
        if (rest.Length < 5 || rest[3] != ':' || !IsNation(rest[..3]) || !IsNodeId(rest[4..]))
        {
            return false;
        }
        nation = rest[..3].ToString();
        nodeId = rest[4..].ToString();
        return true;
    }

    /// <summary>The name of a <c>service:&lt;name&gt;</c> role.</summary>
    public static bool TryParseService(string? role, [NotNullWhen(true)] out string? name)
    {
        name = null;
        if (role is null || !role.StartsWith(ServicePrefix, StringComparison.Ordinal) || !IsServiceName(role.AsSpan(ServicePrefix.Length)))
        {
            return false;
        }
        name = role[ServicePrefix.Length..];
        return true;
    }

    /// <summary>Whether a role is one of the forms above, well formed.</summary>
    public static bool IsWellFormed(string? role) =>
        role is Admin or Analyst || TryParsePartner(role, out _) || TryParseNode(role, out _, out _) || TryParseService(role, out _);

    /// <summary>Whether a code is an ISO 3166-1 alpha-3 code in upper case (its form: three letters A-Z).</summary>
    public static bool IsNation(ReadOnlySpan<char> code) =>
        code.Length == 3 && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]) && char.IsAsciiLetterUpper(code[2]);

    /// <summary>
    /// Whether an id is a node id: 1-63 lower-case letters, digits, dots and hyphens, starting with a letter or digit.
    /// The same syntax as an indicator origin's node id, so a node's role, its origin and its certificate's CN name it alike.
    /// </summary>
    public static bool IsNodeId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > 63 || !(char.IsAsciiLetterLower(id[0]) || char.IsAsciiDigit(id[0])))
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsServiceName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > 63 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    private static void RequireNation(string nation)
    {
        if (nation is null || !IsNation(nation))
        {
            throw new ArgumentException("A nation is an ISO 3166-1 alpha-3 code in upper case, such as JPN.", nameof(nation));
        }
    }
}
