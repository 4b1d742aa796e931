using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>The trusted issuers by name: each one's key, and the roles it may assert (DESIGN.md Decision 9).</summary>
internal sealed class IssuerRegistry : IDisposable
{
    private readonly FrozenDictionary<string, TrustedIssuer> _issuers;

    public IssuerRegistry(IOptions<CallerIdentityOptions> options)
    {
        // Reading Value runs the validator first, so every key below loads.
        var settings = options.Value;
        var issuers = new Dictionary<string, TrustedIssuer>(StringComparer.Ordinal);
        for (var i = 0; i < settings.TrustedIssuers.Count; i++)
        {
            var issuer = settings.TrustedIssuers[i];
            issuers.Add(issuer.Issuer, new TrustedIssuer(Load(issuer, $"{CallerIdentityOptions.SectionName}:TrustedIssuers:{i}"), [.. issuer.AllowedRoles]));
        }
        if (settings.InternalIssuer is { } internalIssuer)
        {
            issuers.Add(internalIssuer.Issuer, new TrustedIssuer(Load(internalIssuer, $"{CallerIdentityOptions.SectionName}:InternalIssuer"), AllowedRoles: null));
        }
        _issuers = issuers.ToFrozenDictionary(StringComparer.Ordinal);
        Names = [.. _issuers.Keys];
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>The signing keys of an issuer; none for an unknown one, so its tokens fail signature validation.</summary>
    public IEnumerable<SecurityKey> KeysOf(string? issuer) =>
        issuer is not null && _issuers.TryGetValue(issuer, out var trusted) ? [trusted.Key] : [];

    /// <summary>Whether an issuer may assert a role: the internal issuer any well-formed role, others their AllowedRoles.</summary>
    public bool MayAssert(string issuer, string role)
    {
        if (!_issuers.TryGetValue(issuer, out var trusted))
        {
            return false;
        }
        return trusted.AllowedRoles is null ? Roles.IsWellFormed(role) : RolePatterns.MatchesAny(trusted.AllowedRoles, role);
    }

    public void Dispose()
    {
        foreach (var issuer in _issuers.Values)
        {
            issuer.Key.ECDsa.Dispose();
        }
    }

    private static ECDsaSecurityKey Load(IssuerKeyOptions issuer, string path) =>
        IssuerKeys.ToSecurityKey(IssuerKeys.TryLoad(issuer, path, out var error) ?? throw new InvalidOperationException(error));

    /// <param name="AllowedRoles">Role patterns; null for the internal issuer.</param>
    private sealed record TrustedIssuer(ECDsaSecurityKey Key, string[]? AllowedRoles);
}
