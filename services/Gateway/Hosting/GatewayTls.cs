using System.Security.Authentication;
using CyberPledge.ServiceDefaults.Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace CyberPledge.Gateway.Hosting;

/// <summary>
/// The gateway's listener: HTTPS only, TLS 1.2 or 1.3, HTTP/1.1 and HTTP/2 by ALPN (Decision 11), the node
/// certificate as server certificate, and a client certificate asked for but not required: a peer node presents one,
/// people and applications present a token instead. Whether a client certificate is trusted is decided per call
/// against the registry in force (CallerResolver), so a registry change applies to open connections too.
/// </summary>
internal sealed class GatewayTls(IOptions<GatewayOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        var settings = options.Value;
        // Loaded when Kestrel starts, after the settings were validated.
        var certificate = new Lazy<System.Security.Cryptography.X509Certificates.X509Certificate2>(
            () => CertificateFiles.LoadWithKey(settings.CertificateFile, settings.KeyFile));
        kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificateSelector = (_, _) => certificate.Value;
            https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            // The chain is checked against the registry for each call, not by the platform's roots.
            https.ClientCertificateValidation = ClientIntermediates.Capture;
            https.CheckCertificateRevocation = false;
        });
        // gRPC streams have no total size; each message is limited by ForwardedCall, other bodies per request.
        kestrel.Limits.MaxRequestBodySize = null;
    }
}
