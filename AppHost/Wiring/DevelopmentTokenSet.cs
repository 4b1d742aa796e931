using System.Collections.Concurrent;
using CyberPledge.AppHost.Processes;
using CyberPledge.AppHost.Run;
using CyberPledge.ServiceDefaults.Identity;

namespace CyberPledge.AppHost.Wiring;

/// <summary>
/// Tokens of the nations' development identity providers (made at the first run, in the run directory): a nation's
/// <c>admin</c> and <c>analyst</c>, and its <c>partner:&lt;NATION&gt;</c> role for the nodes it is a partner of.
/// AppHost's own calls reuse one per role until ten minutes before its end.
/// </summary>
internal sealed class DevelopmentTokenSet(IReadOnlyDictionary<string, NodeMaterial> materials)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string, string), (string Token, DateTimeOffset Expires)> _cache = new();

    /// <summary>A token for <paramref name="role"/> as the nodes of <paramref name="nation"/> accept it.</summary>
    public string For(string nation, string role)
    {
        var now = DateTimeOffset.UtcNow;
        if (_cache.TryGetValue((nation, role), out var cached) && cached.Expires - now > RenewBefore)
        {
            return cached.Token;
        }
        var token = Mint(nation, role, Lifetime);
        _cache[(nation, role)] = (token, now + Lifetime);
        return token;
    }

    /// <summary>
    /// A token for <paramref name="role"/> at <paramref name="nation"/>'s node, valid for <paramref name="lifetime"/>,
    /// from the identity provider that may assert it: for <c>partner:JPN</c> Japan's, otherwise the nation's own.
    /// </summary>
    public string Mint(string nation, string role, TimeSpan lifetime)
    {
        var issuer = Roles.TryParsePartner(role, out var partner) ? partner : nation;
        var subject = Roles.TryParsePartner(role, out _) ? $"{issuer.ToLowerInvariant()}-partner-app" : $"{nation.ToLowerInvariant()}-{role}";
        return materials[issuer].IdentityProvider.Mint(subject, [role], ServiceLaunch.Audience, lifetime);
    }
}
