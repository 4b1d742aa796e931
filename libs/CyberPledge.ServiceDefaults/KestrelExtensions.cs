using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CyberPledge.ServiceDefaults;

/// <summary>Kestrel set up the one way the project's servers listen when they choose their own port.</summary>
public static class KestrelExtensions
{
    /// <summary>
    /// Listens on 127.0.0.1:<paramref name="port"/> (0: a free port) with HTTP/2 only; with <paramref name="certificate"/>,
    /// over TLS whose ALPN offers h2.
    /// </summary>
    public static IWebHostBuilder ListenLoopbackHttp2(this IWebHostBuilder builder, int port, X509Certificate2? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
    }
}
