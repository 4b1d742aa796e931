using System.Globalization;
using System.Security.Claims;
using CyberPledge.Gateway.Hosting;
using CyberPledge.Gateway.Peers;
using CyberPledge.ServiceDefaults.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Gateway.Callers;

/// <summary>
/// Decides who a call comes from: a peer node by its client certificate (validated against the registry, SECURITY.md
/// rule 11), a person or application by its bearer token (validated by the authentication handler before this runs,
/// roles limited to what its issuer may assert), or no one.
/// </summary>
internal sealed partial class CallerResolver(PeerTrust trust, TimeProvider time, ILogger<CallerResolver> logger)
{
    /// <summary>The caller, or null with the reason it is refused (UNAUTHENTICATED).</summary>
    public GatewayCaller? Resolve(HttpContext context, bool allowAnonymous, out string refusal)
    {
        refusal = "";
        if (context.Connection.ClientCertificate is { } certificate)
        {
            var intermediates = ClientIntermediates.Of(context);
            var result = trust.Validate(certificate, intermediates);
            if (!result.IsTrusted)
            {
                LogRefusedCertificate(logger, certificate.Subject, result.Failure ?? "not trusted");
                refusal = "the client certificate is not trusted by this node";
                return null;
            }

            var role = Roles.Node(result.Nation!, result.NodeId!);
            return new GatewayCaller(CallerKind.Peer, "cert:" + certificate.Thumbprint, role, [role], certificate.NotAfter, certificate, intermediates);
        }

        var hasToken = context.Request.Headers.ContainsKey(IdentityHeaders.Authorization);
        var identity = CallerIdentity.FromPrincipal(context.User);
        if (identity.IsAuthenticated && identity.Subject is { } subject)
        {
            var notAfter = ExpiryOf(context.User);
            var kind = identity.PartnerNation is not null ? CallerKind.Partner : CallerKind.User;
            var key = string.Join('\n', ["token", identity.Issuer ?? "", subject, notAfter.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), .. identity.Roles]);
            return new GatewayCaller(kind, key, subject, identity.Roles, notAfter);
        }

        if (hasToken)
        {
            refusal = Taxii.BasicCredentials.IsPresented(context.Request)
                ? "HTTP Basic is accepted on the TAXII route only"
                : "the bearer token is not valid here";
            return null;
        }

        if (!allowAnonymous)
        {
            refusal = "no credentials: present a bearer token, or a node certificate";
            return null;
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return new GatewayCaller(CallerKind.Anonymous, "anonymous:" + address, "anonymous", [], time.GetUtcNow().AddMinutes(1));
    }

    private DateTimeOffset ExpiryOf(ClaimsPrincipal principal) =>
        principal.FindFirst("exp")?.Value is { } exp && long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : time.GetUtcNow() + ServiceTokens.Lifetime;

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Refused the client certificate {Subject}: {Reason}")]
    private static partial void LogRefusedCertificate(ILogger logger, string subject, string reason);
}
