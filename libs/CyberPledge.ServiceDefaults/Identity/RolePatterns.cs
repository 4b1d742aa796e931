namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Role patterns, as an issuer's AllowedRoles and the policies use them: an exact role (<c>admin</c>,
/// <c>partner:JPN</c>) or a kind followed by <c>*</c> (<c>partner:*</c>, <c>node:*</c>, <c>node:NLD:*</c>, <c>service:*</c>).
/// </summary>
internal static class RolePatterns
{
    public static bool IsValid(string? pattern)
    {
        if (pattern is null)
        {
            return false;
        }
        if (!pattern.EndsWith('*'))
        {
            return Roles.IsWellFormed(pattern);
        }
        var prefix = pattern.AsSpan(0, pattern.Length - 1);
        return prefix is Roles.PartnerPrefix or Roles.NodePrefix or Roles.ServicePrefix
            || (prefix.Length == Roles.NodePrefix.Length + 4 && prefix.StartsWith(Roles.NodePrefix, StringComparison.Ordinal)
                && prefix[^1] == ':' && Roles.IsNation(prefix.Slice(Roles.NodePrefix.Length, 3)));
    }

    /// <summary>Whether a pattern names a node: or service: role, which only the node's internal issuer may assert.</summary>
    public static bool IsInternalOnly(string pattern) =>
        pattern.StartsWith(Roles.NodePrefix, StringComparison.Ordinal) || pattern.StartsWith(Roles.ServicePrefix, StringComparison.Ordinal);

    /// <summary>Whether a well-formed role matches a valid pattern; a malformed role matches nothing.</summary>
    public static bool Matches(string pattern, string role)
    {
        if (!pattern.EndsWith('*'))
        {
            return string.Equals(pattern, role, StringComparison.Ordinal);
        }
        return role.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.Ordinal) && Roles.IsWellFormed(role);
    }

    public static bool MatchesAny(IReadOnlyList<string> patterns, string role)
    {
        foreach (var pattern in patterns)
        {
            if (Matches(pattern, role))
            {
                return true;
            }
        }
        return false;
    }
}
