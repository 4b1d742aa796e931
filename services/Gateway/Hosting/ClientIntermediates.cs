using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Hosting;

/// <summary>
/// The certificates a client sent in the handshake besides its own (intermediate CAs), so each call's check can
/// build the chain through them to the CA in the registry. They are kept with the certificate object of that one
/// handshake (the one Kestrel then gives as the connection's client certificate), so one connection's chain never
/// serves another's, and they go when the connection does.
/// </summary>
internal static class ClientIntermediates
{
    private static readonly ConditionalWeakTable<X509Certificate2, X509Certificate2Collection> Sent = new();

    /// <summary>Kestrel's ClientCertificateValidation: keeps what the client sent, and admits the handshake (each call is judged later).</summary>
    public static bool Capture(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (chain?.ChainPolicy.ExtraStore is { Count: > 0 } extra)
        {
            Sent.AddOrUpdate(certificate, new X509Certificate2Collection(extra));
        }

        return true;
    }

    /// <summary>What the client of this call's connection sent besides its certificate, if anything.</summary>
    public static X509Certificate2Collection? Of(HttpContext context) =>
        context.Connection.ClientCertificate is { } certificate && Sent.TryGetValue(certificate, out var sent) ? sent : null;
}
