using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Callers;

/// <summary>
/// Request headers through which a caller could claim an identity: the gateway removes every one of them before it
/// forwards a call, then adds its own forwarded identity.
/// </summary>
internal static class IdentityHeaders
{
    public const string Authorization = "authorization";

    // Names other proxies use for a client certificate, a client address or a user: nothing behind this gateway
    // reads them, and nothing a caller sends under them may ever reach a service that someday might.
    private static readonly string[] Exact =
    [
        Authorization, "forwarded", "x-real-ip", "x-client-ip", "x-forwarded-user", "x-remote-user", "x-user", "x-roles",
        "x-arr-clientcert", "x-client-cert", "x-client-certificate", "x-ssl-cert", "ssl-client-cert", "client-cert",
        "client-cert-chain", "x-forwarded-client-cert", "proxy-authorization",
    ];

    private static readonly string[] Prefixes = ["x-cyberpledge-", "x-forwarded-", "x-ssl-client-", "x-client-cert-"];

    /// <summary>Removes every identity header the caller sent.</summary>
    public static void Strip(IHeaderDictionary headers)
    {
        foreach (var name in Exact)
        {
            headers.Remove(name);
        }

        List<string>? prefixed = null;
        foreach (var header in headers)
        {
            foreach (var prefix in Prefixes)
            {
                if (header.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    (prefixed ??= []).Add(header.Key);
                    break;
                }
            }
        }

        if (prefixed is not null)
        {
            foreach (var name in prefixed)
            {
                headers.Remove(name);
            }
        }
    }
}
