using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace CyberPledge.Grpc.Client.Tests;

/// <summary>TLS with ALPN h2, and mutual TLS through a user-supplied <see cref="SocketsHttpHandler"/>.</summary>
public sealed class TlsTests
{
    private static readonly X509Certificate2 ServerCertificate = TestCertificates.CreateServer();

    private static SocketsHttpHandler Handler(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler();
        // Trust exactly the test's server certificate, nothing else.
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.GetCertHashString() == ServerCertificate.GetCertHashString();
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
        }
        return handler;
    }

    private static RequestDelegate AnswerWithClientIdentity(TaskCompletionSource<string?>? authorization = null) => async context =>
    {
        authorization?.TrySetResult(context.Request.Headers.Authorization.FirstOrDefault());
        var subject = context.Connection.ClientCertificate?.Subject ?? "anonymous";
        await GrpcWire.RespondAsync(context, Utf8(context.Request.Protocol + " " + subject));
    };

    [Fact]
    public async Task AsyncUnaryCall_MutualTls_ServerSeesClientCertificate()
    {
        using var clientCertificate = TestCertificates.CreateClient("node-b.nation-b");
        await using var server = await FakeGrpcServer.StartTlsAsync(AnswerWithClientIdentity(), ServerCertificate, requireClientCertificate: true);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = Handler(clientCertificate), DisposeHttpClient = true });

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout();

        Assert.Equal("HTTP/2 CN=node-b.nation-b", response);
    }

    [Fact]
    public async Task AsyncUnaryCall_ServerRequiresCertificateClientHasNone_Unavailable()
    {
        await using var server = await FakeGrpcServer.StartTlsAsync(AnswerWithClientIdentity(), ServerCertificate, requireClientCertificate: true);
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = Handler(null), DisposeHttpClient = true });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_UntrustedServerCertificate_Unavailable()
    {
        await using var server = await FakeGrpcServer.StartTlsAsync(AnswerWithClientIdentity(), ServerCertificate, requireClientCertificate: false);
        using var channel = GrpcChannel.ForAddress(server.Address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout());

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [Fact]
    public async Task AsyncUnaryCall_SecureChannelWithCallCredentials_TokenSent()
    {
        var authorization = new TaskCompletionSource<string?>();
        await using var server = await FakeGrpcServer.StartTlsAsync(AnswerWithClientIdentity(authorization), ServerCertificate, requireClientCertificate: false);
        var token = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", "Bearer tls-token");
            return Task.CompletedTask;
        });
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            HttpHandler = Handler(null),
            DisposeHttpClient = true,
            Credentials = ChannelCredentials.Create(ChannelCredentials.SecureSsl, token),
        });

        var response = await channel.CreateCallInvoker().AsyncUnaryCall(Unary, null, new CallOptions(), "x").ResponseAsync.WithTimeout();

        Assert.Equal("HTTP/2 anonymous", response);
        Assert.Equal("Bearer tls-token", await authorization.Task.WithTimeout());
    }
}
