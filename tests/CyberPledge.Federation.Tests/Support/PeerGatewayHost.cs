using System.Net;
using CyberPledge.Testing.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Federation.Tests.Support;

/// <summary>
/// A peer's gateway as a link meets it: TLS on loopback with the peer nation's node certificate, HTTP/2, a client
/// certificate required, serving <paramref name="feed"/> as the peer's Federation service.
/// </summary>
internal static class PeerGatewayHost
{
    public static async Task<WebApplication> StartAsync(TestNation peer, int port, PeerFeed feed)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = peer.Node,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                // The gateway's own checks are tested with the gateway; here any client certificate will do.
                ClientCertificateValidation = (_, _, _) => true,
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(feed);
        var host = builder.Build();
        host.MapGrpcService<PeerFeed>();
        await host.StartAsync();
        return host;
    }
}
