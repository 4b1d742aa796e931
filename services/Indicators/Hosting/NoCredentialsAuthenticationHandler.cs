using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CyberPledge.Indicators.Hosting;

/// <summary>
/// The standalone process's authentication until the Gateway forwards identities: it
/// authenticates nobody, so every call that needs a role (ApplyForeignVersion) is refused
/// with UNAUTHENTICATED. Default deny, rather than no scheme at all (which would fail the
/// call with an internal error).
/// </summary>
internal sealed class NoCredentialsAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "NoCredentials";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());
}
