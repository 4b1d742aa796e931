using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CyberPledge.Grpc.AspNetCore.Tests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace CyberPledge.Grpc.AspNetCore.Tests.Calls;

/// <summary>HTTP versions and TLS: HTTP/1.1 is refused; over TLS with ALPN h2 the client certificate reaches the call.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Http11Request_Refused426WithInternalStatus()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1));
        builder.Services.AddSingleton(new CallObserver());
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<ScriptedTestService>();
        await app.StartAsync();
        using var client = new RawGrpcClient(new Uri(app.Urls.First()));

        var response = await client.SendAsync("/grpc.testing.TestService/UnaryCall", RawGrpcClient.Frame([]), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
        Assert.Equal("13", response.GrpcStatus);
        await app.StopAsync();
    }

    [Fact]
    public async Task TlsWithClientCertificate_AuthContextNamesThePeer()
    {
        using var serverCertificate = CreateCertificate("localhost", serverAuth: true);
        using var clientCertificate = CreateCertificate("node-fr.cyberpledge.test", serverAuth: false);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l =>
        {
            l.Protocols = HttpProtocols.Http2;
            l.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                // The test trusts this one certificate; real deployments pin the peer's CA (DESIGN.md).
                ClientCertificateValidation = (certificate, _, _) => certificate.Thumbprint == clientCertificate.Thumbprint,
            });
        }));
        builder.Services.AddGrpc();
        await using var app = builder.Build();
        app.MapGrpcService<PeerEchoService>();
        await app.StartAsync();

        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [clientCertificate];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == serverCertificate.GetCertHashString();
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(app.Urls.First()), "/grpc.testing.TestService/UnaryCall"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(RawGrpcClient.Frame(new SimpleRequest().ToByteArray())),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        var message = SimpleResponse.Parser.ParseFrom(body.AsSpan(5).ToArray());
        Assert.Equal("x509_subject_alternative_name=node-fr.cyberpledge.test ssl", message.Username);
        await app.StopAsync();
    }

    private static X509Certificate2 CreateCertificate(string dnsName, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        // Kestrel needs a certificate whose key can be used from the store-less PKCS#12 form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    private sealed class PeerEchoService : TestService.TestServiceBase
    {
        public override Task<SimpleResponse> UnaryCall(SimpleRequest request, ServerCallContext context)
        {
            var identity = context.AuthContext.PeerIdentity.Single();
            var security = context.AuthContext.FindPropertiesByName("transport_security_type").Single().Value;
            return Task.FromResult(new SimpleResponse { Username = $"{identity.Name}={identity.Value} {security}" });
        }
    }
}
