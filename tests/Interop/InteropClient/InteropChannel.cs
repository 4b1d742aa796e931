using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace CyberPledge.InteropClient;

/// <summary>The channel the flags describe: cleartext or TLS, the test CA, and the host name to claim.</summary>
internal static class InteropChannel
{
    public static GrpcChannel Create(InteropClientOptions options)
    {
        // An IPv6 literal goes in brackets in a URI.
        var host = IPAddress.TryParse(options.ServerHost, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{options.ServerHost}]"
            : options.ServerHost;
        var scheme = options.UseTls ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;

        var address = $"{scheme}://{host}:{options.ServerPort}";
        if (!options.UseTestCa && options.ServerHostOverride is null)
        {
            // The channel's own handler, with its gRPC settings.
            return GrpcChannel.ForAddress(address);
        }

        // Direct to the server (no proxy from the environment), as the channel's own handler is.
        var sockets = new SocketsHttpHandler { UseProxy = false, EnableMultipleHttp2Connections = true };
        if (options.UseTestCa)
        {
            sockets.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = TestCaPolicy(options.CaFile!) };
        }
        HttpMessageHandler handler = options.ServerHostOverride is null
            ? sockets
            : new AuthorityOverrideHandler(options.ServerHostOverride, sockets);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>
    /// The description's --use_test_ca: the test CA replaces the platform roots. Certificate checking stays on: the
    /// chain must end at that CA and the name must match.
    /// </summary>
    private static X509ChainPolicy TestCaPolicy(string caFile)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            // The test CA publishes no revocation list.
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.ImportFromPemFile(caFile);
        return policy;
    }

    /// <summary>
    /// --server_host_override: the name sent as :authority, which SocketsHttpHandler also uses for TLS (SNI and the
    /// certificate's name), while the connection still goes to --server_host.
    /// </summary>
    private sealed class AuthorityOverrideHandler(string authority, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Host = authority;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
