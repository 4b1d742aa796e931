using System.Text.Json;
using CyberPledge.ServiceDefaults.Readiness;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// In a development run (the development issuer enabled, which needs the Development environment), writes a token per
/// role to <c>tokens.json</c> beside the issuer's key, so a person can call the service at once
/// (<c>authorization: Bearer ...</c>). Never in production: the issuer refuses to exist there.
/// </summary>
internal sealed class DevelopmentTokens(IServiceProvider services, IOptions<CallerIdentityOptions> options, ServiceDescription service) : IStartupWork
{
    public const string FileName = "tokens.json";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.DevelopmentIssuer.Enabled)
        {
            return;
        }

        var issuer = services.GetRequiredService<DevelopmentIssuer>();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Roles.Admin] = issuer.Issue("dev-admin", [Roles.Admin], Lifetime),
            [Roles.Analyst] = issuer.Issue("dev-analyst", [Roles.Analyst], Lifetime),
            [Roles.FederationService] = issuer.Issue("dev-federation", [Roles.FederationService], Lifetime),
        };
        var path = Path.Combine(Path.GetDirectoryName(issuer.KeyFile)!, FileName);
        var privateFile = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            privateFile.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, privateFile))
        {
            await JsonSerializer.SerializeAsync(file, tokens, Indented, cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"{service.Name}: development tokens (valid {Lifetime.TotalHours:0} h) in {path}");
    }
}
