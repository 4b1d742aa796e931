using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CyberPledge.ServiceDefaults.Identity;

/// <summary>
/// Opens the development issuer when Identity:DevelopmentIssuer:Enabled is set and the host runs in Development, and
/// adds it to the trusted issuers. Outside Development it opens nothing: the validator then fails the start.
/// </summary>
internal sealed class DevelopmentIssuerTrust(TimeProvider time, IHostEnvironment? environment = null) : IPostConfigureOptions<CallerIdentityOptions>
{
    private readonly Lock _lock = new();

    public DevelopmentIssuer? Issuer { get; private set; }

    public void PostConfigure(string? name, CallerIdentityOptions options)
    {
        var settings = options.DevelopmentIssuer;
        if (!settings.Enabled || environment?.IsDevelopment() != true
            || string.IsNullOrWhiteSpace(settings.KeyDirectory) || string.IsNullOrWhiteSpace(options.Audience))
        {
            return;
        }
        lock (_lock)
        {
            Issuer ??= DevelopmentIssuer.Open(settings.KeyDirectory, options.Audience, environment, settings.Issuer, time);
        }
        Issuer.TrustIn(options);
    }
}
