using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>Checks the Identity section at start; each error names its setting (Identity:TrustedIssuers:0:PublicKeyPem: ...).</summary>
internal sealed class CallerIdentityOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<CallerIdentityOptions>
{
    private const string Section = CallerIdentityOptions.SectionName;
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, CallerIdentityOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{Section}:Audience: required: the audience (aud) tokens for this service name");
        }
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxClockSkew)
        {
            errors.Add($"{Section}:ClockSkew: between 00:00:00 and {MaxClockSkew:c}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.TrustedIssuers.Count; i++)
        {
            var issuer = options.TrustedIssuers[i];
            var path = $"{Section}:TrustedIssuers:{i}";
            CheckIssuer(issuer, path, names, errors);
            CheckAllowedRoles(issuer, path, errors);
        }
        if (options.InternalIssuer is { } internalIssuer)
        {
            CheckIssuer(internalIssuer, $"{Section}:InternalIssuer", names, errors);
        }

        var development = options.DevelopmentIssuer;
        if (development.Enabled && environment?.IsDevelopment() != true)
        {
            errors.Add(DevelopmentIssuer.OutsideDevelopmentError(environment));
        }
        else if (development.Enabled && string.IsNullOrWhiteSpace(development.KeyDirectory))
        {
            errors.Add($"{Section}:DevelopmentIssuer:KeyDirectory: required when the development issuer is enabled");
        }
        else if (names.Count == 0)
        {
            errors.Add($"{Section}:TrustedIssuers: no issuer is trusted: configure TrustedIssuers, InternalIssuer or the development issuer");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckIssuer(IssuerKeyOptions issuer, string path, HashSet<string> names, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(issuer.Issuer))
        {
            errors.Add($"{path}:Issuer: required: the issuer name (iss) of its tokens");
        }
        else if (!names.Add(issuer.Issuer))
        {
            errors.Add($"{path}:Issuer: '{issuer.Issuer}' is configured more than once");
        }
        using var key = IssuerKeys.TryLoad(issuer, path, out var error);
        if (error is not null)
        {
            errors.Add(error);
        }
    }

    private static void CheckAllowedRoles(TrustedIssuerOptions issuer, string path, List<string> errors)
    {
        if (issuer.AllowedRoles.Count == 0)
        {
            errors.Add($"{path}:AllowedRoles: required: the roles this issuer may assert (admin, analyst, partner:<NATION>, partner:*)");
        }
        for (var j = 0; j < issuer.AllowedRoles.Count; j++)
        {
            var pattern = issuer.AllowedRoles[j];
            if (!RolePatterns.IsValid(pattern))
            {
                errors.Add($"{path}:AllowedRoles:{j}: '{pattern}' is not a role pattern (admin, analyst, partner:<NATION> with an ISO 3166-1 alpha-3 code, partner:*)");
            }
            else if (RolePatterns.IsInternalOnly(pattern))
            {
                errors.Add($"{path}:AllowedRoles:{j}: '{pattern}': node: and service: roles come only from the node's internal issuer ({Section}:InternalIssuer)");
            }
        }
    }
}
