using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Gateway.Hosting;

/// <summary>
/// The certificates a client sent in the handshake besides its own (intermediate CAs), kept with the connection so
/// each call's check can build the chain through them to the CA in the registry.
/// </summary>
internal static class ClientIntermediates
{
    private const string Key = "CyberPledge.Gateway.ClientIntermediates";

    /// <summary>Kestrel's OnAuthenticate: wraps the handshake's certificate callback to keep what the client sent.</summary>
    public static void Capture(ConnectionContext connection, SslServerAuthenticationOptions ssl)
    {
        var inner = ssl.RemoteCertificateValidationCallback;
        ssl.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) =>
        {
            if (chain?.ChainPolicy.ExtraStore is { Count: > 0 } sent)
            {
                connection.Items[Key] = new X509Certificate2Collection(sent);
            }

            return inner is null || inner(sender, certificate, chain, errors);
        };
    }

    /// <summary>What the client of this call's connection sent besides its certificate, if anything.</summary>
    public static X509Certificate2Collection? Of(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(Key, out var sent) == true ? sent as X509Certificate2Collection : null;
}
