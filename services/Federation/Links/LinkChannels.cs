using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.Federation.Registry;
using CyberPledge.ServiceDefaults.Certificates;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace CyberPledge.Federation.Links;

/// <summary>
/// Channels to peers' gateways: TLS with this node's certificate (the gateway asks for one from any CA and judges it
/// against its registry), the gateway's own certificate checked against the peer's CA or pinned fingerprint from
/// this node's registry, and HTTP/2 keepalive PINGs so that a silent peer is noticed.
/// </summary>
internal sealed class LinkChannels(IOptions<FederationOptions> options, IOptions<InboundLinkOptions> linkOptions, TimeProvider time) : IDisposable
{
    private readonly Lazy<X509Certificate2> _certificate = new(() => CertificateFiles.LoadWithKey(options.Value.CertificateFile, options.Value.KeyFile));

    /// <summary>A channel to <paramref name="peer"/>'s gateway; <paramref name="refused"/> hears why its certificate was refused.</summary>
    public GrpcChannel Open(PeerEntry peer, Action<string> refused)
    {
        var certificate = _certificate.Value;
        var settings = linkOptions.Value;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => certificate,
                RemoteCertificateValidationCallback = PeerCertificateValidator.ServerValidator(
                    new TrustedPeerCertificate(peer.Nation, peer.Ca, peer.PinnedSha256), time, result => refused(result.Failure ?? "refused")),
            },
            KeepAlivePingDelay = settings.KeepAlivePingDelay,
            KeepAlivePingTimeout = settings.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = settings.HelloTimeout,
        };
        return GrpcChannel.ForAddress(peer.Endpoint, new GrpcChannelOptions { HttpHandler = handler, MaxReceiveMessageSize = null });
    }

    public void Dispose()
    {
        if (_certificate.IsValueCreated)
        {
            _certificate.Value.Dispose();
        }
    }
}
