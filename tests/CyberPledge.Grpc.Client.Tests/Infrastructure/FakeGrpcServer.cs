using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CyberPledge.Grpc.Client.Tests.Infrastructure;

/// <summary>
/// A raw Kestrel HTTP/2 server on 127.0.0.1 and a free port whose handler writes gRPC frames, headers and trailers
/// by hand, so tests control every byte the client sees. Not a gRPC server: nothing here interprets the protocol.
/// </summary>
internal sealed class FakeGrpcServer : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requestCount;

    private FakeGrpcServer()
    {
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>How many requests reached the handler.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public static Task<FakeGrpcServer> StartAsync(RequestDelegate handler) => StartAsync(handler, tls: null);

    public static async Task<FakeGrpcServer> StartAsync(RequestDelegate handler, Action<HttpsConnectionAdapterOptions>? tls, int? maxStreamsPerConnection = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.Http2.MaxStreamsPerConnection = maxStreamsPerConnection ?? 100);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            // Cleartext HTTP/2 only: the client must use prior knowledge (h2c).
            listen.Protocols = HttpProtocols.Http2;
            if (tls is not null)
            {
                listen.UseHttps(tls);
            }
        }));
        var app = builder.Build();
        var server = new FakeGrpcServer { _app = app };
        app.Run(context =>
        {
            Interlocked.Increment(ref server._requestCount);
            return handler(context);
        });
        await app.StartAsync();
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server.Address = new UriBuilder(bound) { Host = "127.0.0.1", Scheme = tls is null ? "http" : "https" }.Uri;
        return server;
    }

    public static Task<FakeGrpcServer> StartTlsAsync(RequestDelegate handler, X509Certificate2 serverCertificate, bool requireClientCertificate) =>
        StartAsync(handler, https =>
        {
            https.ServerCertificate = serverCertificate;
            if (requireClientCertificate)
            {
                https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                // The test checks the certificate's identity in the handler; chain building needs no trust store.
                https.ClientCertificateValidation = (_, _, _) => true;
            }
        });

    /// <summary>Waits until a request has reached the handler.</summary>
    public async Task WaitForRequestAsync()
    {
        using var timeout = new CancellationTokenSource(TestMethods.TestTimeout);
        while (RequestCount == 0)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app!.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
