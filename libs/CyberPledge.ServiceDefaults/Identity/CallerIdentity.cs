using System.Security.Claims;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Who is calling, as a service reads it: the subject, the issuer and the roles that survived the issuer's
/// allow-list, and which nation a partner or node caller is. Built from the request's <see cref="ClaimsPrincipal"/>.
/// </summary>
public sealed class CallerIdentity
{
    private CallerIdentity(string? subject, string? issuer, IReadOnlyList<string> roles, bool isAuthenticated)
    {
        Subject = subject;
        Issuer = issuer;
        Roles = roles;
        IsAuthenticated = isAuthenticated;
        var partners = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new HashSet<(string Nation, string NodeId)>();
        var services = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (Identity.Roles.TryParsePartner(role, out var partner))
            {
                partners.Add(partner);
            }
            else if (Identity.Roles.TryParseNode(role, out var nation, out var nodeId))
            {
                nodes.Add((nation, nodeId));
            }
            else if (Identity.Roles.TryParseService(role, out var service))
            {
                services.Add(service);
            }
        }
        // Several different values make the caller no single one: the property stays null rather than picking one.
        PartnerNation = partners.Count == 1 ? partners.First() : null;
        (NodeNation, NodeId) = nodes.Count == 1 ? nodes.First() : (null, null);
        ServiceName = services.Count == 1 ? services.First() : null;
    }

    /// <summary>A caller without credentials.</summary>
    public static CallerIdentity Anonymous { get; } = new(null, null, [], isAuthenticated: false);

    /// <summary>The token's subject (<c>sub</c>), when it names one.</summary>
    public string? Subject { get; }

    /// <summary>The token's issuer (<c>iss</c>).</summary>
    public string? Issuer { get; }

    /// <summary>The caller's roles, only those its issuer may assert.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Whether the caller presented valid credentials.</summary>
    public bool IsAuthenticated { get; }

    /// <summary>The nation of the caller's <c>partner:</c> role; null if it holds none, or several naming different nations.</summary>
    public string? PartnerNation { get; }

    /// <summary>The nation of the caller's <c>node:</c> role; null if it holds none, or several.</summary>
    public string? NodeNation { get; }

    /// <summary>The node id of the caller's <c>node:</c> role, under the same rule as <see cref="NodeNation"/>.</summary>
    public string? NodeId { get; }

    /// <summary>The name of the caller's <c>service:</c> role; null if it holds none, or several.</summary>
    public string? ServiceName { get; }

    /// <summary>
    /// The foreign nation the caller speaks for, as a partner or a peer node; null for this nation's people and
    /// services, and when its roles name different nations (such a caller is no one nation's).
    /// </summary>
    public string? Nation => PartnerNation is not null && NodeNation is not null && PartnerNation != NodeNation ? null : PartnerNation ?? NodeNation;

    /// <summary>Whether the caller is one of this nation's administrators.</summary>
    public bool IsAdmin => HasRole(Identity.Roles.Admin);

    /// <summary>Whether the caller is one of this nation's analysts.</summary>
    public bool IsAnalyst => HasRole(Identity.Roles.Analyst);

    /// <summary>Whether the caller holds exactly this role.</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>Reads the caller from a principal (the authenticated identities' role claims, subject and issuer).</summary>
    public static CallerIdentity FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return Anonymous;
        }
        string? subject = null;
        string? issuer = null;
        var roles = new List<string>();
        foreach (var identity in principal.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }
            subject ??= identity.FindFirst(TokenValidation.SubjectClaim)?.Value ?? identity.Name;
            issuer ??= identity.FindFirst("iss")?.Value;
            foreach (var claim in identity.FindAll(identity.RoleClaimType))
            {
                if (!roles.Contains(claim.Value, StringComparer.Ordinal))
                {
                    roles.Add(claim.Value);
                }
            }
        }
        var authenticated = principal.Identities.Any(i => i.IsAuthenticated);
        return authenticated ? new CallerIdentity(subject, issuer, roles, isAuthenticated: true) : Anonymous;
    }
}
