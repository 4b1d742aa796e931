using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Authorization policies for the methods' allow-lists (SECURITY.md rule 1), registered by
/// <see cref="CallerIdentityServiceCollectionExtensions.AddCallerIdentity"/>: put
/// <c>[Authorize(Policy = CallerPolicies.NationStaffOrService)]</c> on a method or service. A method with no attribute
/// is still refused to anonymous callers (the fallback policy); use <c>[AllowAnonymous]</c> for the few open ones.
/// </summary>
public static class CallerPolicies
{
    /// <summary>This nation's administrators (<c>admin</c>).</summary>
    public const string Admin = "caller:admin";

    /// <summary>This nation's people: <c>admin</c> or <c>analyst</c>.</summary>
    public const string NationStaff = "caller:nation-staff";

    /// <summary>This nation's people or the node's own services: <c>admin</c>, <c>analyst</c>, any <c>service:</c>.</summary>
    public const string NationStaffOrService = "caller:nation-staff-or-service";

    /// <summary>Any partner nation: <c>partner:*</c>.</summary>
    public const string Partner = "caller:partner";

    /// <summary>Any peer node: <c>node:*</c>.</summary>
    public const string Node = "caller:node";

    /// <summary>Peers and partners: <c>node:*</c> or <c>partner:*</c> (Federation's Subscribe and Hello).</summary>
    public const string NodeOrPartner = "caller:node-or-partner";

    /// <summary>Any of the node's own services: <c>service:*</c>.</summary>
    public const string Service = "caller:service";

    /// <summary>The node's own Federation service only: <c>service:federation</c>.</summary>
    public const string FederationService = "caller:service-federation";

    /// <summary>
    /// Requires a role matching one of the patterns: an exact role (<c>admin</c>, <c>partner:JPN</c>) or a kind
    /// followed by <c>*</c> (<c>partner:*</c>, <c>node:*</c>, <c>node:NLD:*</c>, <c>service:*</c>).
    /// </summary>
    /// <exception cref="ArgumentException">A pattern is not one of those forms.</exception>
    public static AuthorizationPolicyBuilder RequireRolePattern(this AuthorizationPolicyBuilder builder, params string[] patterns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(patterns);
        if (patterns.Length == 0 || !patterns.All(RolePatterns.IsValid))
        {
            throw new ArgumentException("Each pattern is a role (admin, partner:JPN) or a kind followed by * (partner:*, node:*, service:*).", nameof(patterns));
        }
        string[] copy = [.. patterns];
        return builder.RequireAuthenticatedUser().RequireAssertion(context => HoldsAny(context.User.Identities, copy));
    }

    internal static void Register(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Admin, p => p.RequireRolePattern(Roles.Admin));
        options.AddPolicy(NationStaff, p => p.RequireRolePattern(Roles.Admin, Roles.Analyst));
        options.AddPolicy(NationStaffOrService, p => p.RequireRolePattern(Roles.Admin, Roles.Analyst, Roles.ServicePrefix + "*"));
        options.AddPolicy(Partner, p => p.RequireRolePattern(Roles.PartnerPrefix + "*"));
        options.AddPolicy(Node, p => p.RequireRolePattern(Roles.NodePrefix + "*"));
        options.AddPolicy(NodeOrPartner, p => p.RequireRolePattern(Roles.NodePrefix + "*", Roles.PartnerPrefix + "*"));
        options.AddPolicy(Service, p => p.RequireRolePattern(Roles.ServicePrefix + "*"));
        options.AddPolicy(FederationService, p => p.RequireRolePattern(Roles.FederationService));
    }

    private static bool HoldsAny(IEnumerable<ClaimsIdentity> identities, string[] patterns)
    {
        foreach (var identity in identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }
            foreach (var claim in identity.FindAll(identity.RoleClaimType))
            {
                if (RolePatterns.MatchesAny(patterns, claim.Value))
                {
                    return true;
                }
            }
        }
        return false;
    }
}
