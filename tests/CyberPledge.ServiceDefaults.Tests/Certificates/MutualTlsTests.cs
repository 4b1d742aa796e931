using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.ServiceDefaults.Certificates;
using CyberPledge.Testing;

namespace CyberPledge.ServiceDefaults.Tests.Certificates;

/// <summary>
/// Real TLS handshakes on 127.0.0.1 with certificates loaded from files: a gateway requiring a client certificate and
/// judging it with <see cref="PeerCertificateValidator"/>, a federation client judging the gateway with
/// <see cref="PeerCertificateValidator.ServerValidator(X509Certificate2, string, TimeProvider?, Action{PeerCertificateResult}?)"/>.
/// </summary>
public sealed class MutualTlsTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _root = new();
    private readonly X509Certificate2 _nldCa = TestPki.Ca("NLD");
    private readonly X509Certificate2 _deuCa = TestPki.Ca("DEU");
    private readonly X509Certificate2 _gateway;
    private readonly X509Certificate2 _deuNode;

    public MutualTlsTests()
    {
        _gateway = FromFiles(TestPki.Node(_nldCa, "NLD", "hague-gw"), "gateway");
        _deuNode = FromFiles(TestPki.Node(_deuCa, "DEU", "berlin-1"), "deu");
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _deuNode.Dispose();
        _nldCa.Dispose();
        _deuCa.Dispose();
        _root.Dispose();
    }

    [Fact]
    public async Task Handshake_RegisteredPeersBothWays_BothSidesTrustTheOther()
    {
        var outcome = await HandshakeAsync(_deuNode, "localhost", [new("DEU", _deuCa, null)]);

        Assert.Null(outcome.ServerError);
        Assert.Null(outcome.ClientError);
        Assert.Equal("node:DEU:berlin-1", outcome.ClientAsSeenByServer?.Role);
        Assert.Null(outcome.ClientRefusal);
    }

    [Fact]
    public async Task Handshake_HostNameNotInGatewayCertificate_ClientRefuses()
    {
        var outcome = await HandshakeAsync(_deuNode, "gateway.other.example", [new("DEU", _deuCa, null)]);

        Assert.IsAssignableFrom<AuthenticationException>(outcome.ClientError);
        Assert.Contains("subjectAltName does not name the host", outcome.ClientRefusal?.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_ClientOfUnregisteredNation_ServerRefuses()
    {
        using var fraCa = TestPki.Ca("FRA");
        using var fraNode = TestPki.Node(fraCa, "FRA");

        var outcome = await HandshakeAsync(fraNode, "localhost", [new("DEU", _deuCa, null)]);

        Assert.IsAssignableFrom<AuthenticationException>(outcome.ServerError);
        Assert.False(outcome.ClientAsSeenByServer?.IsTrusted);
        Assert.Contains("does not chain to the CA of any registered peer", outcome.ClientAsSeenByServer?.Failure, StringComparison.Ordinal);
    }

    private X509Certificate2 FromFiles(X509Certificate2 created, string name)
    {
        using (created)
        {
            var certificateFile = Path.Combine(_root.Path, name + ".pem");
            var keyFile = Path.Combine(_root.Path, name + "-key.pem");
            CertificateFiles.Write(created, certificateFile, keyFile);
            return CertificateFiles.LoadWithKey(certificateFile, keyFile);
        }
    }

    private async Task<Outcome> HandshakeAsync(X509Certificate2 clientCertificate, string targetHost, TrustedPeerCertificate[] registry)
    {
        var validator = new PeerCertificateValidator(registry);
        PeerCertificateResult? seenByServer = null;
        PeerCertificateResult? clientRefusal = null;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var cancellation = new CancellationTokenSource(Timeout);

        async Task<Exception?> ServeAsync()
        {
            using var socket = await listener.AcceptTcpClientAsync(cancellation.Token);
            await using var tls = new SslStream(socket.GetStream());
            var options = new SslServerAuthenticationOptions
            {
                ServerCertificateContext = SslStreamCertificateContext.Create(_gateway, additionalCertificates: null),
                ClientCertificateRequired = true,
                RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                {
                    seenByServer = certificate is X509Certificate2 leaf
                        ? validator.Validate(leaf, chain?.ChainPolicy.ExtraStore, DateTimeOffset.UtcNow)
                        : null;
                    return seenByServer?.IsTrusted == true;
                },
            };
            return await CaptureAsync(async () =>
            {
                await tls.AuthenticateAsServerAsync(options, cancellation.Token);
                // One byte each way, so a refusal by either side surfaces on both.
                await tls.WriteAsync(new byte[] { 1 }, cancellation.Token);
                await tls.ReadExactlyAsync(new byte[1], cancellation.Token);
            });
        }

        async Task<Exception?> ConnectAsync()
        {
            using var socket = new TcpClient();
            await socket.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port, cancellation.Token);
            await using var tls = new SslStream(socket.GetStream());
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = targetHost,
                ClientCertificateContext = SslStreamCertificateContext.Create(clientCertificate, additionalCertificates: null),
                RemoteCertificateValidationCallback = PeerCertificateValidator.ServerValidator(_nldCa, "NLD", refused: r => clientRefusal = r),
            };
            return await CaptureAsync(async () =>
            {
                await tls.AuthenticateAsClientAsync(options, cancellation.Token);
                await tls.ReadExactlyAsync(new byte[1], cancellation.Token);
                await tls.WriteAsync(new byte[] { 2 }, cancellation.Token);
            });
        }

        var results = await Task.WhenAll(ServeAsync(), ConnectAsync());
        return new Outcome(results[0], results[1], seenByServer, clientRefusal);
    }

    private static async Task<Exception?> CaptureAsync(Func<Task> run)
    {
        try
        {
            await run();
            return null;
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return e;
        }
    }

    private sealed record Outcome(Exception? ServerError, Exception? ClientError, PeerCertificateResult? ClientAsSeenByServer, PeerCertificateResult? ClientRefusal);
}
